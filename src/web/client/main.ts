// The avatars must be set before the components read their configuration.
import './avatars.js';
import '@skyra/discord-components-core';
import { applyChange, type Feed, type FeedChange, type Suggestions } from '../wire.js';
import { el } from './dom.js';
import { renderFeed, renderPosts } from './render.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const box = $<HTMLInputElement>('box');
const list = $('suggestions');
const hint = $('hint');
const messages = $('messages');
const scroller = $('scroller');
const problems = $('problems');
const moderator = $<HTMLInputElement>('moderator');
const view = $<HTMLButtonElement>('view');

/** The suggestions on screen, for the line they were asked for. */
let shown: (Required<Suggestions> & { line: string }) | undefined;
let selected = 0;
/** Only the answer to the newest question is shown: typing fast must not show older suggestions last. */
let asked = 0;

function say(text: string, error = false): void {
  hint.textContent = text;
  hint.classList.toggle('error', error);
}

async function call(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `The sandbox answered ${response.status}.`);
  return answer;
}

/** A command being typed: the server says what the bot suggests for it, or how it may go on. */
const autocompleted = (line: string) => line.startsWith('/');

async function suggest(line: string): Promise<typeof shown> {
  const mine = ++asked;
  const response = await fetch(`/api/suggest?line=${encodeURIComponent(line)}`);
  const answer = (await response.json()) as Partial<Suggestions>;
  if (mine !== asked) return undefined;
  if (answer.completions?.length) {
    shown = { line, command: '', option: '', choices: [], completions: answer.completions };
    selected = 0;
    drawSuggestions();
    return shown;
  }
  if (!response.ok || !answer.command || !answer.option) {
    hide();
    return undefined;
  }
  shown = {
    line,
    command: answer.command,
    option: answer.option,
    choices: answer.choices ?? [],
    completions: [],
  };
  selected = 0;
  drawSuggestions();
  return shown;
}

/** A completion picked: the box holds it, and the suggestions follow what it now says. */
function fill(line: string): void {
  box.value = line;
  box.focus();
  void suggest(line);
}

function drawCompletions(completions: string[]): void {
  const items = completions.map((completion, i) =>
    el('li', { role: 'option', 'aria-selected': String(i === selected) }, [completion.trim()]),
  );
  items.forEach((item, i) =>
    item.addEventListener('mousedown', (event) => {
      event.preventDefault();
      fill(completions[i]!);
    }),
  );
  list.replaceChildren(el('div', { class: 'title' }, ['Keep typing']), el('ul', {}, items));
  list.classList.add('shown');
}

function drawSuggestions(): void {
  if (!shown) return hide();
  // Which line the list answers: a late answer redraws it (tests wait for the one they typed).
  list.dataset.line = shown.line;
  if (shown.completions.length > 0) return drawCompletions(shown.completions);
  const items = shown.choices.map((choice, i) =>
    el(
      'li',
      {
        role: 'option',
        'aria-selected': String(i === selected),
        'data-value': String(choice.value),
      },
      [choice.name],
    ),
  );
  items.forEach((item, i) =>
    item.addEventListener('mousedown', (event) => {
      event.preventDefault();
      void submit(shown!.line, String(shown!.choices[i]!.value));
    }),
  );
  list.replaceChildren(
    el('div', { class: 'title' }, [
      shown.choices.length > 0
        ? `/${shown.command} ${shown.option}`
        : `No suggestions: Enter sends the words as typed`,
    ]),
    el('ul', {}, items),
  );
  list.classList.add('shown');
}

function hide(): void {
  shown = undefined;
  list.classList.remove('shown');
  list.replaceChildren();
}

async function submit(line: string, value?: string): Promise<void> {
  hide();
  asked++;
  box.value = '';
  say('');
  try {
    await call('/api/send', value === undefined ? { line } : { line, value });
  } catch (error) {
    box.value = line;
    say((error as Error).message, true);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;
box.addEventListener('input', () => {
  clearTimeout(timer);
  // An answer asked for an older line must not show now; nor a list of names for what is typed past.
  asked++;
  if (shown?.completions.length) hide();
  const line = box.value;
  if (!autocompleted(line)) {
    hide();
    say('');
    return;
  }
  say('');
  timer = setTimeout(() => void suggest(line), 60);
});

box.addEventListener('keydown', (event) => {
  const choices = shown?.choices ?? [];
  const completions = shown?.completions ?? [];
  const count = choices.length || completions.length;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    if (count === 0) return;
    event.preventDefault();
    selected = (selected + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
    drawSuggestions();
  } else if (event.key === 'Tab' && completions.length > 0) {
    event.preventDefault();
    fill(completions[selected]!);
  } else if (event.key === 'Escape') {
    hide();
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const line = box.value.trim();
    if (!line) return;
    // A command, subcommand or option name picked fills the box, as in Discord; one already typed out sends.
    const completion = shown?.line === box.value ? completions[selected] : undefined;
    if (completion && completion.trim() !== line) return fill(completion);
    // As Discord's client: Enter on a highlighted suggestion picks it; with none, the words are sent.
    const pick = shown && shown.line === box.value ? choices[selected] : undefined;
    void submit(line, pick ? String(pick.value) : undefined);
  }
});

moderator.addEventListener('change', () => {
  call('/api/moderator', { on: moderator.checked }).catch((error: Error) =>
    say(error.message, true),
  );
});

const actions = {
  press(messageId: string, customId: string): void {
    call('/api/press', { message: messageId, customId }).catch((error: Error) =>
      say(error.message, true),
    );
  },
  choose(messageId: string, customId: string, value: string): void {
    call('/api/choose', { message: messageId, customId, value }).catch((error: Error) =>
      say(error.message, true),
    );
  },
};

/** Shows #general, the DM, the help forum's posts, or one post. */
const show = (target: { view: string; post?: string }) =>
  call('/api/view', target).catch((error: Error) => say(error.message, true));
// The header's switch between #general and your DM with the bot (back to #general from the forum).
view.addEventListener('click', () =>
  show({ view: view.dataset.view === 'channel' ? 'dm' : 'channel' }),
);
$<HTMLButtonElement>('forum').addEventListener('click', () => show({ view: 'forum' }));

/**
 * Whether the channel stays at its newest message, as Discord's does: until the reader scrolls up,
 * and again once they scroll back down. Cards draw after they are added (web components), so the
 * channel follows every change of its height, not only the moment a message is added.
 */
let stuckToBottom = true;
const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
scroller.addEventListener('scroll', () => (stuckToBottom = nearBottom()), { passive: true });
new ResizeObserver(() => {
  if (stuckToBottom) scroller.scrollTop = scroller.scrollHeight;
}).observe(messages);

function draw(feed: Feed): void {
  $('channel').textContent = feed.channel;
  $('hash').textContent = feed.dm ? '@' : '#';
  view.dataset.view = feed.view;
  view.textContent = feed.view === 'channel' ? 'DM with the bot' : 'Back to #general';
  box.placeholder = feed.dm
    ? 'Message the bot: try /dm /docs webhooks'
    : 'Message #general: try /faq credits expire';
  moderator.checked = feed.moderator;
  problems.textContent =
    feed.problems.length > 0
      ? `The last edit of the FAQ folder was refused; the bot keeps serving the last good FAQ:\n${feed.problems.join('\n')}`
      : '';
  problems.classList.toggle('shown', feed.problems.length > 0);
  messages.replaceChildren(
    ...(feed.posts
      ? renderPosts(feed.posts, (post) => void show({ view: 'post', post }))
      : renderFeed(feed, actions)),
  );
  if (stuckToBottom) scroller.scrollTop = scroller.scrollHeight;
  document.body.dataset.messages = String(feed.items.length);
}

const events = new EventSource('/api/events');
// The first event is the whole feed; each one after says what changed since.
let current: Feed | undefined;
events.onmessage = (event) => {
  const data = JSON.parse(event.data as string) as Feed | FeedChange;
  current = 'change' in data ? (current ? applyChange(current, data) : undefined) : data;
  if (current) draw(current);
};
events.onerror = () => say('Lost the sandbox: is npm start still running?', true);

// `?q=<text>&cmd=<command>` (docs, model, …; faq by default): the page opens with the text typed
// and its first suggestion's card posted.
const params = new URLSearchParams(location.search);
const q = params.get('q');
if (q) {
  const cmd = /^[\w-]{1,32}$/.test(params.get('cmd') ?? '') ? params.get('cmd')! : 'faq';
  const line = `/${cmd} ${q}`;
  box.value = line;
  void suggest(line).then((found) => {
    const first = found?.choices[0];
    if (first) void submit(line, String(first.value));
    else say(`Nothing suggested for "${q}".`, true);
  });
}
box.focus();
