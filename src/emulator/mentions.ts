/** Who a message would actually notify, computed the way Discord applies `allowed_mentions`. */
export interface ResolvedMentions {
  mentions: string[];
  mention_roles: string[];
  mention_everyone: boolean;
}

export function resolveMentions(content: string | undefined, allowed: unknown): ResolvedMentions {
  const text = content ?? '';
  const users = [...text.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const roles = [...text.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const everyone = /@(everyone|here)/.test(text);
  // Without allowed_mentions, Discord parses every mention in the content.
  const a = (allowed ?? { parse: ['users', 'roles', 'everyone'] }) as {
    parse?: string[];
    users?: string[];
    roles?: string[];
  };
  const parse = a.parse ?? [];
  const allowUser = (id: string) => parse.includes('users') || (a.users ?? []).includes(id);
  const allowRole = (id: string) => parse.includes('roles') || (a.roles ?? []).includes(id);
  return {
    mentions: [...new Set(users.filter(allowUser))],
    mention_roles: [...new Set(roles.filter(allowRole))],
    mention_everyone: everyone && parse.includes('everyone'),
  };
}
