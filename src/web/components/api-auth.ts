/** How the interface proves it may call the API: a public key (widget) or the page's short-lived token. */

export interface ApiAuth {
  /** The value of the `Authorization` header, if any. */
  header(): string | undefined;
  /** Gets a fresh credential after a 401; resolves to whether one was obtained. */
  refresh(): Promise<boolean>;
}

/** A fixed key, or none. */
export function staticKeyAuth(key: string | undefined): ApiAuth {
  return { header: () => (key ? `Bearer ${key}` : undefined), refresh: async () => false };
}

/**
 * The token the chat page was served with (`<meta name="report-chat-page-token">`), renewed from
 * `GET /page-token` when the API refuses it. Without the meta element the API is open and no header is sent.
 */
export function pageTokenAuth(document: Document, apiBase: string): ApiAuth {
  let token = document.querySelector<HTMLMetaElement>('meta[name="report-chat-page-token"]')?.content;
  return {
    header: () => (token ? `Bearer ${token}` : undefined),
    refresh: async () => {
      if (token === undefined) return false;
      try {
        const response = await fetch(`${apiBase}/page-token`, { credentials: "same-origin" });
        if (!response.ok) return false;
        token = ((await response.json()) as { token: string }).token;
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** `fetch` with the credential, asking for a fresh one once when the API answers 401. */
export async function fetchWithAuth(auth: ApiAuth, url: string, init: RequestInit): Promise<Response> {
  const send = () => {
    const header = auth.header();
    return fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...(header ? { Authorization: header } : {}) },
    });
  };
  const response = await send();
  if (response.status !== 401 || !(await auth.refresh())) return response;
  return send();
}
