/** The widget's options, read from the `data-*` attributes of its `<script>` tag. */
import { type InterfaceLanguage, toInterfaceLanguage } from "../components/ui-texts.js";

export type WidgetPosition = "bottom-right" | "bottom-left";

export type WidgetTheme = "light" | "dark" | "auto";

export interface WidgetOptions {
  /** `data-api`: origin of the report-chat server. @default the origin `widget.js` was loaded from */
  apiBase: string;
  /** `data-lang`: `zh` or `en`. @default from the page's `lang`, then the browser's language, then `zh` */
  language: InterfaceLanguage;
  /** `data-title`: heading of the chat panel. @default the interface's own title */
  title?: string;
  /** `data-position`. @default "bottom-right" */
  position: WidgetPosition;
  /** `data-theme`: `light`, `dark` or `auto` (the system's). @default "auto" */
  theme: WidgetTheme;
  /** `data-accent`: any CSS colour; text on it is white or dark, whichever meets WCAG contrast. */
  accent?: string;
  /** `data-open`: start with the panel open (not on a phone, where it would cover the page). @default false */
  startOpen: boolean;
  /** `data-placeholder`: placeholder of the question field. */
  placeholder?: string;
  /**
   * `data-api-key`: a public key (`PUBLIC_API_KEYS`) sent as `Authorization: Bearer`, for servers that require keys.
   */
  apiKey?: string;
}

/** Reads the options; unknown or malformed values fall back to the defaults. */
export function readWidgetOptions(script: HTMLScriptElement | null): WidgetOptions {
  const data = script?.dataset ?? {};
  return {
    apiBase: readApiBase(data.api, script?.src),
    language: toInterfaceLanguage(data.lang) ?? pageLanguage(),
    title: nonEmpty(data.title),
    position: data.position === "bottom-left" ? "bottom-left" : "bottom-right",
    theme: data.theme === "light" || data.theme === "dark" ? data.theme : "auto",
    accent: readColour(data.accent),
    startOpen: data.open !== undefined && data.open !== "false",
    placeholder: nonEmpty(data.placeholder),
    apiKey: nonEmpty(data.apiKey),
  };
}

function readApiBase(api: string | undefined, scriptSource: string | undefined): string {
  const candidate = nonEmpty(api) ?? scriptSource;
  if (!candidate) return "";
  try {
    return new URL(candidate, document.baseURI).origin;
  } catch {
    return "";
  }
}

function pageLanguage(): InterfaceLanguage {
  const declared = document.documentElement.lang;
  if (declared) return toInterfaceLanguage(declared) ?? "en";
  return toInterfaceLanguage(navigator.language) ?? "zh";
}

function readColour(value: string | undefined): string | undefined {
  const colour = nonEmpty(value);
  return colour && CSS.supports("color", colour) ? colour : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
