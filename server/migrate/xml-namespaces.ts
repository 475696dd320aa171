/**
 * XML namespaces, resolved by hand: the parser runs without its own namespace
 * handling (faster on large files), and element names are given here as
 * `prefix:local` with the importer's own prefix for each namespace URI — so
 * `<wp:comment>` is found whatever prefix a file binds WordPress's namespace
 * to, and not found when `wp` is bound to something else.
 */
export interface NamespaceScope {
  /** prefix → URI ('' is the default namespace). */
  readonly bindings: ReadonlyMap<string, string>;
  /** Names already resolved in this scope (null: undeclared prefix). */
  readonly names: Map<string, string | null>;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

export function createNamespaces(prefixOf: (uri: string) => string | undefined) {
  const root: NamespaceScope = {
    bindings: new Map([
      ['', ''],
      ['xml', 'http://www.w3.org/XML/1998/namespace'],
    ]),
    names: new Map(),
  };
  const stack: NamespaceScope[] = [root];

  function resolve(scope: NamespaceScope, qname: string, isAttribute: boolean): string | null {
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const uri = prefix === '' && isAttribute ? '' : scope.bindings.get(prefix);
    if (uri === undefined) return null;
    if (uri === '') return local;
    const short = prefixOf(uri);
    return short === undefined ? `{${uri}}${local}` : short ? `${short}:${local}` : local;
  }

  return {
    /** Opens an element's scope: the parent's, or a new one when the element declares namespaces. */
    enter(attributes: Readonly<Record<string, string>>): NamespaceScope {
      let scope = stack[stack.length - 1]!;
      for (const qname in attributes) {
        if (qname !== 'xmlns' && !qname.startsWith('xmlns:')) continue;
        if (scope === stack[stack.length - 1]) scope = { bindings: new Map(scope.bindings), names: new Map() };
        (scope.bindings as Map<string, string>).set(qname === 'xmlns' ? '' : qname.slice(6), attributes[qname]!);
      }
      stack.push(scope);
      return scope;
    },

    leave(): void {
      stack.pop();
    },

    /** The element's name with the importer's prefix; null when its prefix is not declared. */
    element(scope: NamespaceScope, qname: string): string | null {
      let name = scope.names.get(qname);
      if (name === undefined) {
        name = resolve(scope, qname, false);
        scope.names.set(qname, name);
      }
      return name;
    },

    /** Attributes named the same way (namespace declarations left out). */
    attributes(scope: NamespaceScope, attributes: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
      let result: Record<string, string> | undefined;
      for (const qname in attributes) {
        if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
        result ??= {};
        result[resolve(scope, qname, true) ?? qname] = attributes[qname]!;
      }
      return result ?? EMPTY;
    },
  };
}
