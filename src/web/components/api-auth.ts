/** How the interface proves it may call the API: a public key (widget) or the page's short-lived token. */

export interface ApiAuth {
  /** The value of the `Authorization` header, if any. */
  header(): string | undefined;
  /** Gets a fresh credential after a 401: `true` when one was obtained, else the response that refused it, if any. */
  refresh(): Promise<true | Response | undefined>;
}

/** A fixed key, or none. */
export function staticKeyAuth(key: string | undefined): ApiAuth {
  return { header: () => (key ? `Bearer ${key}` : undefined), refresh: async () => undefined };
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
      if (token === undefined) return undefined;
      try {
        const response = await fetch(`${apiBase}/page-token`, { credentials: "same-origin" });
        if (!response.ok) return response;
        token = ((await response.json()) as { token: string }).token;
        return true;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * `fetch` with the credential, asking for a fresh one once when the API answers 401. A renewal refused for
 * too many requests (429) is the answer returned, so that the reader sees how long to wait.
 */
export async function fetchWithAuth(auth: ApiAuth, url: string, init: RequestInit): Promise<Response> {
  const send = () => {
    const header = auth.header();
    return fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...(header ? { Authorization: header } : {}) },
    });
  };
  const response = await send();
  if (response.status !== 401) return response;
  const refreshed = await auth.refresh();
  if (refreshed === true) return send();
  return refreshed?.status === 429 ? refreshed : response;
}
