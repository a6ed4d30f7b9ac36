import { randomBytes } from 'node:crypto';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import type { WebSocket } from 'ws';

export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface RecordedFrame {
  direction: 'in' | 'out';
  frame: GatewayFrame;
  at: number;
}

interface Session {
  id: string;
  seq: number;
  /**
   * The last dispatches, kept for RESUME replays. Kept as the JSON sent: thousands of live
   * payload objects would make every GC of the process (bot included, in one process) slower.
   */
  events: { s: number; t: string; json: string; sent: boolean }[];
  valid: boolean;
  /** What the client asked for in IDENTIFY: which events (and message content) it gets. */
  intents: number;
}

/** Refused unless enabled in the Developer Portal. */
const PRIVILEGED_INTENTS =
  GatewayIntentBits.GuildMembers |
  GatewayIntentBits.GuildPresences |
  GatewayIntentBits.MessageContent;

export interface GatewayHooks {
  /** Checks the token given in IDENTIFY/RESUME. */
  acceptsToken(token: string): boolean;
  /** READY and GUILD_CREATE payloads for a new session. */
  readyPayloads(sessionId: string): { ready: unknown; guilds: unknown[] };
  record(frame: RecordedFrame): void;
}

/**
 * One bot's gateway: sessions survive a dropped connection so the client can RESUME and get
 * what it missed; dispatches made while nobody is connected wait for the next session.
 */
export class Gateway {
  private socket: WebSocket | undefined;
  /** A connection whose link went dead (see `goSilent`): nothing crosses it either way. */
  private deadLink: WebSocket | undefined;
  private session: Session | undefined;
  /** Dispatches made while no session was ready. */
  private outbox: { t: string; d: unknown }[] = [];
  private readyWaiters: (() => void)[] = [];
  readonly heartbeatInterval: number;
  private readonly privilegedIntents: boolean;

  constructor(
    private readonly hooks: GatewayHooks,
    options: { heartbeatInterval?: number; privilegedIntents?: boolean } = {},
  ) {
    this.heartbeatInterval = options.heartbeatInterval ?? 41_250;
    this.privilegedIntents = options.privilegedIntents ?? false;
  }

  /** The intents of the current session (0 before one identified). */
  get intents(): number {
    return this.session?.intents ?? 0;
  }

  get connected(): boolean {
    return this.socket !== undefined && this.session?.valid === true;
  }

  /** Resolves when a session is (or becomes) ready to receive dispatches. */
  whenReady(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  accept(ws: WebSocket): void {
    let identified = false;
    this.send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatInterval } });
    ws.on('message', (raw) => {
      if (ws === this.deadLink) return;
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(raw)) as GatewayFrame;
      } catch {
        ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
        return;
      }
      this.hooks.record({ direction: 'in', frame, at: Date.now() });
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          this.send(ws, { op: GatewayOpcodes.HeartbeatAck });
          break;
        case GatewayOpcodes.Identify:
          if (identified)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          identified = true;
          this.identify(ws, frame.d as { token?: string; intents?: number });
          break;
        case GatewayOpcodes.Resume:
          if (identified)
            return ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          identified = true;
          this.resume(ws, frame.d as { token?: string; session_id?: string; seq?: number });
          break;
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
      if (this.deadLink === ws) this.deadLink = undefined;
    });
  }

  private identify(ws: WebSocket, d: { token?: string; intents?: number }): void {
    if (!d?.token || !this.hooks.acceptsToken(d.token))
      return ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if (!this.privilegedIntents && ((d.intents ?? 0) & PRIVILEGED_INTENTS) !== 0)
      return ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
    this.replaceSocket(ws);
    const previous = this.session;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      events: [],
      valid: true,
      intents: d.intents ?? 0,
    };
    this.session = session;
    const { ready, guilds } = this.hooks.readyPayloads(session.id);
    this.dispatchTo(session, 'READY', ready);
    for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', guild);
    // Discord drops a dead session's undelivered events (the member sees the interaction fail).
    // The emulator hands undelivered interactions to the new session instead, so that a test's
    // dispatch is never silently lost; nothing the bot could do differs either way.
    const undelivered =
      previous?.events.filter((e) => !e.sent && e.t === 'INTERACTION_CREATE') ?? [];
    for (const e of undelivered)
      this.dispatchTo(session, e.t, (JSON.parse(e.json) as GatewayFrame).d);
    this.flushOutbox();
  }

  private resume(ws: WebSocket, d: { token?: string; session_id?: string; seq?: number }): void {
    const session = this.session;
    if (!d?.token || !this.hooks.acceptsToken(d.token))
      return ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if (!session || !session.valid || session.id !== d.session_id) {
      this.send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    this.replaceSocket(ws);
    for (const e of session.events) {
      if (e.s > (d.seq ?? 0)) e.sent = this.sendJson(ws, e.json);
    }
    this.send(ws, { op: GatewayOpcodes.Dispatch, s: session.seq, t: 'RESUMED', d: {} });
    this.flushOutbox();
  }

  private replaceSocket(ws: WebSocket): void {
    if (this.socket && this.socket !== ws) this.socket.terminate();
    this.socket = ws;
  }

  private flushOutbox(): void {
    const pending = this.outbox;
    this.outbox = [];
    for (const e of pending) this.dispatch(e.t, e.d);
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
  }

  /** Sends a dispatch now if a session is live, else queues it for the next one. */
  dispatch(t: string, d: unknown): void {
    if (!this.session?.valid) {
      this.outbox.push({ t, d });
      return;
    }
    this.dispatchTo(this.session, t, d);
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    const s = ++session.seq;
    const frame: GatewayFrame = { op: GatewayOpcodes.Dispatch, s, t, d };
    const event = { s, t, json: JSON.stringify(frame), sent: false };
    session.events.push(event);
    if (session.events.length > 1000) session.events.splice(0, session.events.length - 1000);
    // A socket that is closing drops the frame: it counts as sent only if it went out, so a
    // new session after a close with 1000 still gets it.
    if (this.socket && this.session === session)
      event.sent = this.sendJson(this.socket, event.json, frame);
  }

  private send(ws: WebSocket, frame: GatewayFrame): void {
    this.sendJson(ws, JSON.stringify(frame), frame);
  }

  /** False when the frame was dropped: the socket is no longer open, or its link is dead. */
  private sendJson(ws: WebSocket, json: string, frame?: GatewayFrame): boolean {
    if (ws.readyState !== ws.OPEN || ws === this.deadLink) return false;
    this.hooks.record({
      direction: 'out',
      frame: frame ?? (JSON.parse(json) as GatewayFrame),
      at: Date.now(),
    });
    ws.send(json);
    return true;
  }

  /**
   * Fault switch: closes the live connection with `code` (4000 → the client resumes;
   * 1000 → it identifies again).
   */
  close(code: number, reason = ''): void {
    this.socket?.close(code, reason);
  }

  /**
   * Fault switch: the live connection's link goes dead without a close (a network partition, a
   * NAT forgetting the connection): heartbeats get no ACK and dispatches do not arrive. The
   * client must notice by itself; dispatches made meanwhile are replayed when it resumes.
   */
  goSilent(): void {
    this.deadLink = this.socket;
  }

  /** Fault switch: an invalid session, not resumable. The client must identify again. */
  invalidateSession(): void {
    if (this.session) this.session.valid = false;
    if (this.socket) this.send(this.socket, { op: GatewayOpcodes.InvalidSession, d: false });
  }

  /** Fault switch: Discord asking the client to reconnect and resume. */
  requestReconnect(): void {
    if (this.socket) this.send(this.socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  shutdown(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }
}
