import { ButtonStyle, ComponentType, type APIEmbed } from 'discord-api-types/v10';
import type { Feed, FeedItem, ForumPost } from '../wire.js';
import { el, safeHref } from './dom.js';
import { markdown } from './markdown.js';

/** What pressing a (non-link) button or choosing from a menu does: the page sends it to the bot. */
export interface Actions {
  press(messageId: string, customId: string): void;
  choose(messageId: string, customId: string, value: string): void;
}

const STYLE: Record<number, string> = {
  [ButtonStyle.Primary]: 'primary',
  [ButtonStyle.Secondary]: 'secondary',
  [ButtonStyle.Success]: 'success',
  [ButtonStyle.Danger]: 'destructive',
};

/** The channel's messages as @skyra/discord-components-core draws them. */
export function renderFeed(feed: Feed, actions: Actions): HTMLElement[] {
  return feed.items.flatMap((item) => {
    const shown = [renderMessage(item, feed.users, actions)];
    if (item.pinned)
      shown.push(
        el('discord-system-message', { type: 'pin' }, [
          el('discord-bold', {}, [item.author.name]),
          ' pinned a message to this channel.',
        ]),
      );
    return shown;
  });
}

function avatarOf(item: FeedItem, users: Record<string, string>): string {
  if (item.author.bot) return 'fal';
  return users[item.author.id] === 'you' ? 'blue' : 'gray';
}

function renderMessage(
  item: FeedItem,
  users: Record<string, string>,
  actions: Actions,
): HTMLElement {
  const message = el('discord-message', {
    'data-id': item.id,
    author: item.author.name,
    avatar: avatarOf(item, users),
    ...(item.author.bot ? { bot: '' } : {}),
    ...(item.ephemeral ? { ephemeral: '' } : {}),
    ...(item.edited ? { edited: '' } : {}),
  });
  // A Date, not the ISO text: the component formats it as Discord's client does.
  (message as HTMLElement & { timestamp?: Date }).timestamp = new Date(item.timestamp);
  if (item.command)
    message.append(
      el('discord-command', {
        slot: 'reply',
        author: item.command.by,
        avatar: item.command.by === 'you' ? 'blue' : 'gray',
        command: `/${item.command.name}`,
      }),
    );
  else if (item.replyTo)
    message.append(
      el('discord-reply', { slot: 'reply', author: item.replyTo.author, avatar: 'gray' }, [
        item.replyTo.content,
      ]),
    );
  if (item.loading) message.append(el('em', {}, [`${item.author.name} is thinking…`]));
  if (item.content) message.append(...markdown(item.content, users, false));
  if (item.preview?.problems) {
    // An edit that was refused: what is wrong, where the card would be.
    message.append(
      el('div', { class: 'problems-card', role: 'alert' }, [
        `${item.preview.note ?? ''}\n${item.preview.problems.join('\n')}`,
      ]),
    );
    return message;
  }
  for (const embed of item.embeds) message.append(renderEmbed(embed, users));
  if (item.components.length > 0) {
    const rows = el('discord-attachments', { slot: 'components' });
    for (const row of item.components) {
      const shown = el('discord-action-row');
      for (const c of row.components) {
        if (c.type === ComponentType.StringSelect) {
          // A plain select: the components draw none. Its first entry says what to do.
          const select = el('select', { class: 'menu', 'data-custom-id': c.custom_id }, [
            el('option', { value: '' }, [c.placeholder ?? 'Make a selection']),
            ...c.options.map((o) => el('option', { value: o.value }, [o.label])),
          ]) as HTMLSelectElement;
          select.addEventListener('change', () => {
            if (select.value) actions.choose(item.id, c.custom_id, select.value);
          });
          shown.append(select);
          continue;
        }
        if (c.type !== ComponentType.Button || !('label' in c)) continue;
        const label = `${c.emoji?.name ? `${c.emoji.name} ` : ''}${c.label ?? ''}`;
        if (c.style === ButtonStyle.Link) {
          shown.append(el('discord-button', { url: safeHref(c.url) }, [label]));
        } else if ('custom_id' in c) {
          const button = el('discord-button', { type: STYLE[c.style] ?? 'secondary' }, [label]);
          button.addEventListener('click', () => actions.press(item.id, c.custom_id));
          shown.append(button);
        }
      }
      rows.append(shown);
    }
    message.append(rows);
  }
  if (item.preview?.note) message.append(el('div', { class: 'preview-note' }, [item.preview.note]));
  return message;
}

function renderEmbed(embed: APIEmbed, users: Record<string, string>): HTMLElement {
  const shown = el('discord-embed', {
    slot: 'embeds',
    color: embed.color !== undefined ? `#${embed.color.toString(16).padStart(6, '0')}` : undefined,
    'embed-title': embed.title,
    url: safeHref(embed.url),
    'author-name': embed.author?.name,
  });
  if (embed.description)
    shown.append(
      el(
        'discord-embed-description',
        { slot: 'description' },
        markdown(embed.description, users, true),
      ),
    );
  if (embed.fields?.length) {
    const fields = el('discord-embed-fields', { slot: 'fields' });
    for (const field of embed.fields)
      fields.append(
        el(
          'discord-embed-field',
          { 'field-title': field.name, ...(field.inline ? { inline: '' } : {}) },
          markdown(field.value, users, true),
        ),
      );
    shown.append(fields);
  }
  if (embed.footer)
    shown.append(el('discord-embed-footer', { slot: 'footer' }, [embed.footer.text]));
  return shown;
}

/** The help forum as Discord lists it: each post's title, who opened it, its tags; a click opens it. */
export function renderPosts(
  posts: readonly ForumPost[],
  open: (id: string) => void,
): HTMLElement[] {
  if (posts.length === 0)
    return [
      el('div', { class: 'post' }, ['No posts yet: type /post <title> | <message> to open one.']),
    ];
  return posts.map((post) => {
    const item = el('button', { class: 'post', type: 'button', 'data-post': post.id }, [
      el('div', { class: 'title' }, [post.title]),
      el('div', { class: 'meta' }, [
        ...post.tags.map((tag) => el('span', { class: 'tag' }, [tag])),
        `${post.author} · ${post.messages} message${post.messages === 1 ? '' : 's'}`,
      ]),
    ]);
    item.addEventListener('click', () => open(post.id));
    return item;
  });
}
