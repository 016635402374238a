// Types of the ScreenPopup browser client (screenpopup.js).

/** Where a WebClient popup opens (the wire format's webClient.target). */
export type WebClientTarget = 'iframe' | 'newTab' | 'namedTab';

/** A decision in the library's wire format (the members the client reads; see docs/wire-format.md). */
export interface PopupDecision {
  trigger: 'ring' | 'answer' | 'hangup' | 'demand';
  action: 'open' | 'none' | 'error';
  reason?: string | null;
  message?: string | null;
  url?: string | null;
  pendingPlaceholders?: string[];
  webClient?: { target: WebClientTarget; tabName?: string | null; focus: boolean } | null;
  [member: string]: unknown;
}

/** The interaction a decision is about: no caller data. */
export interface Interaction {
  session: string;
  service: string;
  channel: string;
}

/** What the page knows of the agent, to bind placeholders the server left pending (USERNAME, SYSTEM_USERNAME, ...). */
export type KnownValues = Partial<Record<'USERNAME' | 'SYSTEM_USERNAME' | 'USER_PASSWORD' | 'ACCESS_TOKEN', string | null>>;

export interface ScreenPopupClientOptions {
  /** The URL MapScreenPopup was mapped at. Default '/screenpopup'. */
  endpoint?: string;
  /** Query parameters added to the client's requests (EventSource sends no headers). */
  query?: Record<string, string>;
  /** Values to bind pending placeholders with. */
  known?: KnownValues;
  /** The CRM frame iframe decisions load into; without one, the host applies them (events). */
  frame?: HTMLIFrameElement | null;
  /** The element notices are shown in (each clears itself); without one, only the notice event. */
  notices?: HTMLElement | null;
  /** How long a notice stays. Default 8. */
  noticeSeconds?: number;
  /** The age after which a decision is not applied; default: the server's (ScreenPopupEndpointOptions.StaleAfter). */
  staleAfterMs?: number | null;
  /** Send cookies to another origin's endpoint. */
  withCredentials?: boolean;
  /** The window tabs are opened from. Default: the global window. */
  window?: Window;
  /** For tests and other environments. */
  EventSource?: typeof EventSource;
  fetch?: typeof fetch;
}

export interface DecisionDetail {
  decision: PopupDecision;
  interaction: Interaction;
  /** The URL with pending placeholders bound; null unless the action is open. */
  url: string | null;
}

export interface AppliedDetail extends DecisionDetail {
  target: WebClientTarget;
}

export interface SkippedDetail {
  decision: PopupDecision;
  interaction: Interaction;
  reason: 'stale' | 'notCurrent';
}

export interface NoticeDetail {
  kind: 'none' | 'error' | 'noInteraction' | 'blocked';
  text: string;
  decision: PopupDecision | null;
}

export interface ReadyDetail {
  agent: string;
  current: Interaction | null;
}

export interface DisconnectedDetail {
  /** When the client connects again after a refusal; null when the browser reconnects by itself. */
  retryInMs: number | null;
}

export interface ScreenPopupClientEventMap {
  ready: CustomEvent<ReadyDetail>;
  decision: CustomEvent<DecisionDetail>;
  applied: CustomEvent<AppliedDetail>;
  skipped: CustomEvent<SkippedDetail>;
  notice: CustomEvent<NoticeDetail>;
  disconnected: CustomEvent<DisconnectedDetail>;
}

/** Percent-encodes a value as the library binds placeholders (RFC 3986 unreserved characters kept). */
export function encodePlaceholderValue(value: string): string;

/** Binds pending placeholders with what the page knows, by the library's rules. */
export function bindPendingPlaceholders(url: string, pending: readonly string[] | null | undefined, known: KnownValues | null | undefined): string;

/** The agent's side of ScreenPopup: receives decisions and applies them by the presentation rules. */
export class ScreenPopupClient extends EventTarget {
  constructor(options?: ScreenPopupClientOptions);
  /** The agent's current interaction, or null. */
  readonly currentInteraction: Interaction | null;
  /** Connects to the event stream. */
  start(): void;
  /** Closes the event stream. */
  stop(): void;
  /** Asks for a popup on demand for the current interaction; null when there is none. */
  popup(): Promise<PopupDecision | null>;
  addEventListener<K extends keyof ScreenPopupClientEventMap>(type: K, listener: (event: ScreenPopupClientEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ScreenPopupClientEventMap>(type: K, listener: (event: ScreenPopupClientEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
