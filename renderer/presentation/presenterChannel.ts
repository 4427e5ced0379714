import { z } from 'zod';
import { PRESENTATION_MOVES, presentationActions, presentationStore, type PresentationMove, type PresentationState } from '../state/presentationStore';

/**
 * The presenter view's link to the presentation: a BroadcastChannel between same-origin windows (the
 * web build's second tab or window, or Electron's second window). The presentation publishes its state
 * on every change; the presenter view sends the talk's commands back, so advancing in either window
 * advances both. Every message is checked against its schema: a window of another version, or anything
 * else on the channel, is ignored.
 */
export const PRESENTER_CHANNEL = 'chorus-presenter';

/** What the presenter view reads of the story: its title and each step's caption and notes. */
const presentedStorySchema = z.object({
  title: z.string(),
  steps: z.array(z.object({ caption: z.string(), notes: z.string() })).min(1),
});

export const presentationStateMessageSchema = z.object({
  kind: z.literal('state'),
  story: presentedStorySchema.nullable(),
  step: z.number().int().min(0),
  blank: z.enum(['black', 'white']).nullable(),
  /** Date.now() when the presentation started (both windows' clocks are the computer's). */
  startedAt: z.number(),
});
export type PresentationStateMessage = z.infer<typeof presentationStateMessageSchema>;

const presenterMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello') }),
  z.object({ kind: z.literal('command'), command: z.enum(PRESENTATION_MOVES) }),
]);

function stateMessage(state: PresentationState): PresentationStateMessage {
  return { kind: 'state', story: state.story, step: state.step, blank: state.blank, startedAt: state.startedAt };
}

/** The presentation's end of the channel, for the life of the page; returns its disconnect. */
export function servePresenterView(): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(PRESENTER_CHANNEL);
  const publish = () => channel.postMessage(stateMessage(presentationStore.getState()));
  const stop = presentationStore.subscribe(publish);
  channel.onmessage = (event: MessageEvent) => {
    const message = presenterMessageSchema.safeParse(event.data);
    if (!message.success) return;
    if (message.data.kind === 'hello') return publish();
    presentationActions.run(message.data.command);
  };
  return () => {
    stop();
    channel.close();
  };
}

/** The presenter view's end: `onState` gets each state the presentation publishes; `send` sends a command. */
export function joinPresentation(onState: (state: PresentationStateMessage) => void): { send: (command: PresentationMove) => void; close: () => void } {
  const channel = new BroadcastChannel(PRESENTER_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const message = presentationStateMessageSchema.safeParse(event.data);
    if (message.success) onState(message.data);
  };
  channel.postMessage({ kind: 'hello' });
  return { send: (command) => channel.postMessage({ kind: 'command', command }), close: () => channel.close() };
}

/** Opens the presenter view: a second window of the app (Electron places it on the second display). */
export function openPresenterView(): void {
  const url = new URL(window.location.href);
  url.hash = '';
  url.search = '?presenter';
  window.open(url.href, 'chorus-presenter', 'popup,width=960,height=640');
}
