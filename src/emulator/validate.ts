import {
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { DiscordHttpError } from './discord-error.js';

/** Discord's documented limits, enforced as Discord does (400, code 50035, errors by path). */
const L = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  rowItems: 5,
  buttonLabel: 80,
  buttonUrl: 512,
  customId: 100,
  selectOptions: 25,
  selectOption: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
};

type Issue = { path: (string | number)[]; code: string; message: string };

class Checker {
  issues: Issue[] = [];
  fail(path: (string | number)[], code: string, message: string) {
    this.issues.push({ path, code, message });
  }
  maxLength(path: (string | number)[], value: unknown, max: number) {
    if (typeof value === 'string' && value.length > max) {
      this.fail(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }
  url(path: (string | number)[], value: unknown) {
    if (value === undefined || value === null) return;
    if (
      typeof value !== 'string' ||
      !/^(https?|attachment):\/\/\S+$/.test(value) ||
      value.length > 2048
    ) {
      this.fail(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    }
  }
  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const errors: Record<string, unknown> = {};
    for (const issue of this.issues) {
      let node = errors;
      for (const key of issue.path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
      ((node._errors ??= []) as unknown[]).push({ code: issue.code, message: issue.message });
    }
    throw new DiscordHttpError(
      400,
      RESTJSONErrorCodes.InvalidFormBodyOrContentType,
      'Invalid Form Body',
      errors,
    );
  }
}

const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);

/**
 * Validates a message body (channel message, interaction reply, follow-up or edit).
 * `partial` is for edits, where an absent field keeps its value.
 */
export function validateMessage(
  body: unknown,
  { partial = false, base = [] as (string | number)[] } = {},
): void {
  const c = new Checker();
  if (typeof body !== 'object' || body === null) {
    c.fail(base, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return c.throwIfAny();
  }
  const m = body as Record<string, unknown>;
  c.maxLength([...base, 'content'], m.content, L.content);
  const embeds = Array.isArray(m.embeds) ? (m.embeds as Record<string, unknown>[]) : [];
  if (embeds.length > L.embeds)
    c.fail([...base, 'embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${L.embeds} or fewer in length.`);
  let total = 0;
  embeds.forEach((e, i) => {
    const p = [...base, 'embeds', i];
    c.maxLength([...p, 'title'], e.title, L.embedTitle);
    c.maxLength([...p, 'description'], e.description, L.embedDescription);
    c.url([...p, 'url'], e.url);
    const footer = e.footer as Record<string, unknown> | undefined;
    const author = e.author as Record<string, unknown> | undefined;
    const fields = Array.isArray(e.fields) ? (e.fields as Record<string, unknown>[]) : [];
    c.maxLength([...p, 'footer', 'text'], footer?.text, L.footer);
    c.maxLength([...p, 'author', 'name'], author?.name, L.author);
    if (fields.length > L.embedFields)
      c.fail(
        [...p, 'fields'],
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${L.embedFields} or fewer in length.`,
      );
    fields.forEach((f, j) => {
      c.maxLength([...p, 'fields', j, 'name'], f.name, L.fieldName);
      c.maxLength([...p, 'fields', j, 'value'], f.value, L.fieldValue);
    });
    if (
      e.color !== undefined &&
      (!Number.isInteger(e.color) || (e.color as number) < 0 || (e.color as number) > 0xffffff)
    ) {
      c.fail(
        [...p, 'color'],
        'NUMBER_TYPE_MAX',
        'int value should be less than or equal to 16777215.',
      );
    }
    total += len(e.title) + len(e.description) + len(footer?.text) + len(author?.name);
    total += fields.reduce((s, f) => s + len(f.name) + len(f.value), 0);
  });
  if (total > L.embedTotal)
    c.fail(
      [...base, 'embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      'Embed size exceeds maximum size of 6000',
    );
  const rows = Array.isArray(m.components) ? (m.components as Record<string, unknown>[]) : [];
  if (rows.length > L.rows)
    c.fail(
      [...base, 'components'],
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${L.rows} or fewer in length.`,
    );
  rows.forEach((row, i) => {
    const p = [...base, 'components', i];
    if (row.type !== ComponentType.ActionRow)
      return c.fail(
        [...p, 'type'],
        'UNION_TYPE_CHOICES',
        'Value of field "type" must be one of (1,).',
      );
    const items = Array.isArray(row.components)
      ? (row.components as Record<string, unknown>[])
      : [];
    if (items.length < 1 || items.length > L.rowItems)
      c.fail([...p, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    items.forEach((b, j) => {
      const q = [...p, 'components', j];
      if (b.type === ComponentType.StringSelect) return validateSelect(c, q, b);
      if (b.type !== ComponentType.Button) return;
      c.maxLength([...q, 'label'], b.label, L.buttonLabel);
      if (b.style === ButtonStyle.Link) {
        if (typeof b.url !== 'string')
          c.fail([...q, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else {
          c.url([...q, 'url'], b.url);
          c.maxLength([...q, 'url'], b.url, L.buttonUrl);
        }
        if (b.custom_id !== undefined)
          c.fail(
            [...q, 'custom_id'],
            'COMPONENT_CUSTOM_ID_INVALID',
            'A link button cannot have a custom id.',
          );
      } else if (typeof b.custom_id !== 'string' || b.custom_id.length === 0) {
        c.fail([...q, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else c.maxLength([...q, 'custom_id'], b.custom_id, L.customId);
    });
  });
  const am = m.allowed_mentions as Record<string, unknown> | undefined;
  if (am) {
    const parse = Array.isArray(am.parse) ? (am.parse as string[]) : [];
    for (const [kind, list] of [
      ['users', am.users],
      ['roles', am.roles],
    ] as const) {
      if (parse.includes(kind) && Array.isArray(list) && list.length > 0) {
        c.fail(
          [...base, 'allowed_mentions'],
          'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
          `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
        );
      }
      if (Array.isArray(list) && list.length > 100)
        c.fail(
          [...base, 'allowed_mentions', kind],
          'BASE_TYPE_MAX_LENGTH',
          'Must be 100 or fewer in length.',
        );
    }
  }
  c.throwIfAny();
  const empty =
    !len(m.content) &&
    embeds.length === 0 &&
    rows.length === 0 &&
    !(Array.isArray(m.attachments) && m.attachments.length) &&
    !m.sticker_ids &&
    !m.poll;
  if (!partial && empty)
    throw new DiscordHttpError(
      400,
      RESTJSONErrorCodes.CannotSendAnEmptyMessage,
      'Cannot send an empty message',
    );
}

/** A string select menu, as Discord checks one: its custom_id, placeholder and 1 to 25 options. */
function validateSelect(c: Checker, q: (string | number)[], menu: Record<string, unknown>): void {
  if (typeof menu.custom_id !== 'string' || menu.custom_id.length === 0)
    c.fail([...q, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else c.maxLength([...q, 'custom_id'], menu.custom_id, L.customId);
  c.maxLength([...q, 'placeholder'], menu.placeholder, L.selectPlaceholder);
  const options = Array.isArray(menu.options) ? (menu.options as Record<string, unknown>[]) : [];
  if (options.length < 1 || options.length > L.selectOptions)
    c.fail(
      [...q, 'options'],
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${L.selectOptions} in length.`,
    );
  options.forEach((o, k) => {
    for (const field of ['label', 'value'] as const) {
      const text = o[field];
      if (typeof text !== 'string' || text.length < 1 || text.length > L.selectOption)
        c.fail(
          [...q, 'options', k, field],
          'BASE_TYPE_BAD_LENGTH',
          `Must be between 1 and ${L.selectOption} in length.`,
        );
    }
    c.maxLength([...q, 'options', k, 'description'], o.description, L.selectOption);
  });
}

export function validateChoices(data: unknown): void {
  const c = new Checker();
  const choices = (data as { choices?: unknown } | undefined)?.choices;
  if (!Array.isArray(choices)) {
    c.fail(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return c.throwIfAny();
  }
  if (choices.length > L.choices)
    c.fail(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', `Must be ${L.choices} or fewer in length.`);
  choices.forEach((choice: Record<string, unknown>, i) => {
    const p = ['data', 'choices', i];
    if (
      typeof choice.name !== 'string' ||
      choice.name.length < 1 ||
      choice.name.length > L.choiceName
    ) {
      c.fail(
        [...p, 'name'],
        'BASE_TYPE_BAD_LENGTH',
        `Must be between 1 and ${L.choiceName} in length.`,
      );
    }
    if (typeof choice.value === 'string') c.maxLength([...p, 'value'], choice.value, L.choiceValue);
    else if (typeof choice.value !== 'number')
      c.fail([...p, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
  c.throwIfAny();
}

/** A bulk-overwrite body: what Discord checks before storing commands. */
export function validateCommands(body: unknown): void {
  const c = new Checker();
  if (!Array.isArray(body)) {
    c.fail([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return c.throwIfAny();
  }
  const names = new Set<string>();
  body.forEach((cmd: Record<string, unknown>, i) => {
    const type = (cmd.type as number | undefined) ?? ApplicationCommandType.ChatInput;
    const name = cmd.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > L.commandName) {
      c.fail(
        [i, 'name'],
        'BASE_TYPE_BAD_LENGTH',
        `Must be between 1 and ${L.commandName} in length.`,
      );
    } else if (
      type === ApplicationCommandType.ChatInput &&
      !/^[-_\p{Ll}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name)
    ) {
      c.fail([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const key = `${type}:${String(name)}`;
    if (names.has(key))
      c.fail(
        [i, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    names.add(key);
    if (type === ApplicationCommandType.ChatInput) {
      if (
        typeof cmd.description !== 'string' ||
        cmd.description.length < 1 ||
        cmd.description.length > L.commandDescription
      ) {
        c.fail(
          [i, 'description'],
          'BASE_TYPE_BAD_LENGTH',
          `Must be between 1 and ${L.commandDescription} in length.`,
        );
      }
    } else if (cmd.description !== undefined && cmd.description !== '') {
      c.fail(
        [i, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have description',
      );
    }
    const options = Array.isArray(cmd.options) ? (cmd.options as Record<string, unknown>[]) : [];
    if (options.length > L.commandOptions)
      c.fail([i, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    let seenOptional = false;
    options.forEach((o, j) => {
      if (o.required) {
        if (seenOptional)
          c.fail(
            [i, 'options', j, 'required'],
            'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
            'Required options must be placed before non-required options',
          );
      } else seenOptional = true;
      if (
        typeof o.description !== 'string' ||
        o.description.length < 1 ||
        o.description.length > L.commandDescription
      ) {
        c.fail(
          [i, 'options', j, 'description'],
          'BASE_TYPE_BAD_LENGTH',
          `Must be between 1 and ${L.commandDescription} in length.`,
        );
      }
      if (o.autocomplete && Array.isArray(o.choices) && o.choices.length > 0) {
        c.fail(
          [i, 'options', j, 'autocomplete'],
          'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_CHOICES',
          'Autocomplete cannot be used with choices',
        );
      }
    });
  });
  c.throwIfAny();
}
