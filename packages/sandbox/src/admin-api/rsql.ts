/**
 * A small RSQL/FIQL filter language, as 8x8's Administration API accepts in `filter`:
 * `basicInfo.status==ACTIVE;basicInfo.lastName==Ng*` (`;` and, `,` or, parentheses), operators
 * `==` and `!=` (with `*` wildcards), `=in=` and `=out=` with `(a,b)` lists.
 */
export type RsqlNode =
  | { kind: "and" | "or"; children: RsqlNode[] }
  | { kind: "compare"; selector: string; operator: "==" | "!=" | "=in=" | "=out="; values: string[] };

export class RsqlError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const OPERATORS = ["=in=", "=out=", "==", "!="] as const;
const RESERVED = new Set([";", ",", "(", ")", '"', "'", "=", "!", "<", ">", " "]);

export function parseRsql(text: string): RsqlNode {
  let pos = 0;
  const peek = () => text[pos];
  const fail = (what: string): never => {
    throw new RsqlError(`${what} at position ${pos}`, pos);
  };

  const word = (): string => {
    const start = pos;
    while (pos < text.length && !RESERVED.has(text[pos]!)) pos++;
    if (pos === start) fail("expected a field or value");
    return text.slice(start, pos);
  };

  const value = (): string => {
    const quote = peek();
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, pos + 1);
      if (end < 0) fail("unterminated quoted value");
      const quoted = text.slice(pos + 1, end);
      pos = end + 1;
      return quoted;
    }
    return word();
  };

  const comparison = (): RsqlNode => {
    const selector = word();
    const operator = OPERATORS.find((op) => text.startsWith(op, pos));
    if (!operator) return fail(`expected an operator (==, !=, =in=, =out=) after "${selector}"`);
    pos += operator.length;
    let values: string[];
    if (peek() === "(") {
      pos++;
      values = [value()];
      while (peek() === ",") {
        pos++;
        values.push(value());
      }
      if (peek() !== ")") fail("expected )");
      pos++;
    } else {
      values = [value()];
    }
    if ((operator === "==" || operator === "!=") && values.length !== 1)
      fail(`${operator} takes one value; use =in= for a list`);
    return { kind: "compare", selector, operator, values };
  };

  const primary = (): RsqlNode => {
    if (peek() === "(") {
      pos++;
      const inner = or();
      if (peek() !== ")") fail("expected )");
      pos++;
      return inner;
    }
    return comparison();
  };

  const and = (): RsqlNode => {
    const children = [primary()];
    while (peek() === ";") {
      pos++;
      children.push(primary());
    }
    return children.length === 1 ? children[0]! : { kind: "and", children };
  };

  function or(): RsqlNode {
    const children = [and()];
    while (peek() === ",") {
      pos++;
      children.push(and());
    }
    return children.length === 1 ? children[0]! : { kind: "or", children };
  }

  if (text.trim() === "") fail("empty filter");
  const tree = or();
  if (pos !== text.length) fail(`unexpected "${text[pos]}"`);
  return tree;
}

/** Field getters for one resource: a value or a list of values (a list matches when any item does). */
export type Selectors<T> = Record<string, (item: T) => string | string[] | null>;

/** Parses a filter and checks every field it names; returns a predicate. */
export function compileRsql<T>(text: string, selectors: Selectors<T>): (item: T) => boolean {
  const tree = parseRsql(text);
  const check = (node: RsqlNode): void => {
    if (node.kind === "compare") {
      if (!(node.selector in selectors))
        throw new RsqlError(
          `unknown field "${node.selector}"; filterable fields: ${Object.keys(selectors).join(", ")}`,
          text.indexOf(node.selector),
        );
    } else node.children.forEach(check);
  };
  check(tree);
  return (item) => evaluate(tree, item, selectors);
}

function evaluate<T>(node: RsqlNode, item: T, selectors: Selectors<T>): boolean {
  if (node.kind !== "compare")
    return node.kind === "and"
      ? node.children.every((child) => evaluate(child, item, selectors))
      : node.children.some((child) => evaluate(child, item, selectors));
  const raw = selectors[node.selector]!(item);
  const actual = raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const matchesAny = (patterns: string[]) => actual.some((a) => patterns.some((p) => wildcard(p).test(a)));
  switch (node.operator) {
    case "==":
    case "=in=":
      return matchesAny(node.values);
    case "!=":
    case "=out=":
      return !matchesAny(node.values);
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
  return new RegExp(`^${escaped}$`);
}
