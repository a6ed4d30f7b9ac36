/** A short word diff: changed runs as [-old-]{+new+} with a few words of context around each. */
export function wordDiff(before: string, after: string, maxLength = 240): string {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  // Longest common subsequence table, from the end, so the walk below goes forwards.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  type Op = { kind: '=' | '-' | '+'; word: string };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: '=', word: a[i]! });
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!))
      ops.push({ kind: '+', word: b[j++]! });
    else ops.push({ kind: '-', word: a[i++]! });
  }
  const CONTEXT = 3;
  const parts: string[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === '=') {
      let end = k;
      while (end < ops.length && ops[end]!.kind === '=') end++;
      const run = ops.slice(k, end).map((o) => o.word);
      const leading = k === 0;
      const trailing = end === ops.length;
      if (
        run.length > CONTEXT * 2 + 1 ||
        (leading && run.length > CONTEXT) ||
        (trailing && run.length > CONTEXT)
      ) {
        parts.push(
          ...(leading ? [] : run.slice(0, CONTEXT)),
          '…',
          ...(trailing ? [] : run.slice(-CONTEXT)),
        );
      } else parts.push(...run);
      k = end;
    } else {
      const removed: string[] = [];
      const added: string[] = [];
      while (k < ops.length && ops[k]!.kind !== '=')
        (ops[k]!.kind === '-' ? removed : added).push(ops[k++]!.word);
      if (removed.length) parts.push(`[-${removed.join(' ')}-]`);
      if (added.length) parts.push(`{+${added.join(' ')}+}`);
    }
  }
  const text = parts.join(' ').replace(/(… )+…/g, '…');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
