import { parse } from 'discord-markdown-parser';
import { el, safeHref } from './dom.js';

type MdNode = ReturnType<typeof parse>[number];

/**
 * Discord-flavoured Markdown (the `discord-markdown-parser` package: Discord's own rules, with
 * links as embeds allow them) as the components' elements. Text is only ever set as text, so an
 * FAQ file cannot put HTML into the page; links are followed only to http(s).
 */
export function markdown(text: string, users: Record<string, string>, embed: boolean): Node[] {
  return toNodes(parse(text, embed ? 'extended' : 'normal'), users);
}

function toNodes(nodes: readonly MdNode[], users: Record<string, string>): Node[] {
  return nodes.flatMap((node) => toNode(node, users));
}

function content(node: MdNode, users: Record<string, string>): Node[] {
  const inner = node.content;
  if (Array.isArray(inner)) return toNodes(inner as MdNode[], users);
  return [document.createTextNode(typeof inner === 'string' ? inner : '')];
}

function toNode(node: MdNode, users: Record<string, string>): Node[] {
  switch (node.type) {
    case 'text':
    case 'escape':
      return [document.createTextNode(String(node.content ?? ''))];
    case 'newline':
    case 'br':
      return [el('br')];
    case 'strong':
      return [el('discord-bold', {}, content(node, users))];
    case 'em':
      return [el('discord-italic', {}, content(node, users))];
    case 'underline':
      return [el('discord-underlined', {}, content(node, users))];
    case 'strikethrough':
      return [el('s', {}, content(node, users))];
    case 'spoiler':
      return [el('discord-spoiler', {}, content(node, users))];
    case 'inlineCode':
      return [el('discord-code', {}, [document.createTextNode(String(node.content ?? ''))])];
    case 'codeBlock':
      return [
        el('discord-pre', {}, [
          el('discord-code', { multiline: '' }, [
            document.createTextNode(String(node.content ?? '')),
          ]),
        ]),
      ];
    case 'blockQuote':
      return [el('discord-quote', {}, content(node, users))];
    case 'heading':
      return [el('discord-header', { level: String(node.level ?? 1) }, content(node, users))];
    case 'subtext':
      return [el('small', {}, content(node, users))];
    case 'link':
    case 'url':
    case 'autolink': {
      const href = safeHref(node.target);
      const label = content(node, users);
      return href
        ? [el('discord-link', { href, target: '_blank', rel: 'noopener noreferrer' }, label)]
        : label;
    }
    case 'user':
      return [
        el('discord-mention', { type: 'user' }, [
          document.createTextNode(users[String(node.id)] ?? 'unknown-user'),
        ]),
      ];
    case 'channel':
      return [
        el('discord-mention', { type: 'channel' }, [
          document.createTextNode(users[String(node.id)] ?? String(node.id)),
        ]),
      ];
    case 'role':
      return [el('discord-mention', { type: 'role' }, [document.createTextNode('role')])];
    case 'everyone':
      return [el('discord-mention', { type: 'user' }, [document.createTextNode('everyone')])];
    case 'here':
      return [el('discord-mention', { type: 'user' }, [document.createTextNode('here')])];
    default:
      return Array.isArray(node.content)
        ? content(node, users)
        : [document.createTextNode(String(node.content ?? node.name ?? ''))];
  }
}
