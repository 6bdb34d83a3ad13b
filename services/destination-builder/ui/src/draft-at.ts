/** Reads and immutably writes a value of a form draft by JSON pointer (`/s2s/realTime/endpoint`). Pure. */
type Tree = Record<string, unknown>;

const keys = (pointer: string) => pointer.split('/').filter(Boolean);

export function getAt(tree: unknown, pointer: string): unknown {
  return keys(pointer).reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);
}

export function setAt<T>(tree: T, pointer: string, value: unknown): T {
  const [head, ...rest] = keys(pointer);
  if (head === undefined) return value as T;
  const node = tree as Tree;
  return { ...node, [head]: setAt(node[head], `/${rest.join('/')}`, value) } as T;
}
