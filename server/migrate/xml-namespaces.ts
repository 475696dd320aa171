/**
 * XML namespaces, resolved by hand: the parser runs without its own namespace
 * handling (much faster on large files), and element names are given here as
 * `prefix:local` with the importer's own prefix for each namespace URI — so
 * `<wp:comment>` is found whatever prefix a file binds WordPress's namespace
 * to, and not found when `wp` is bound to something else.
 */
interface Scope {
  /** prefix → URI ('' is the default namespace). */
  bindings: ReadonlyMap<string, string>;
  names: Map<string, string | undefined>;
}

export function createNamespaceScopes(prefixOf: (uri: string) => string | undefined) {
  const root: Scope = { bindings: new Map([['', ''], ['xml', 'http://www.w3.org/XML/1998/namespace']]), names: new Map() };
  const stack: Scope[] = [root];

  function resolve(scope: Scope, qname: string, isAttribute: boolean): string | undefined {
    const colon = qname.indexOf(':');
    const prefix = colon === -1 ? '' : qname.slice(0, colon);
    const local = colon === -1 ? qname : qname.slice(colon + 1);
    const uri = prefix === '' && isAttribute ? '' : scope.bindings.get(prefix);
    if (uri === undefined) return undefined;
    if (uri === '') return local;
    const short = prefixOf(uri);
    return short === undefined ? `{${uri}}${local}` : short ? `${short}:${local}` : local;
  }

  function view(scope: Scope) {
    return {
      /** The element's name with the importer's prefix; undefined when its prefix is not declared. */
      element(qname: string): string | undefined {
        if (!scope.names.has(qname)) scope.names.set(qname, resolve(scope, qname, false));
        return scope.names.get(qname);
      },
      attributes(attributes: Record<string, string>): Record<string, string> {
        const result: Record<string, string> = {};
        for (const [qname, value] of Object.entries(attributes)) {
          if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
          result[resolve(scope, qname, true) ?? qname] = value;
        }
        return result;
      },
    };
  }

  return {
    /** Opens an element's scope (new bindings when it declares any) and returns how to name things in it. */
    enter(attributes: Record<string, string>) {
      let scope = stack.at(-1)!;
      for (const qname in attributes) {
        if (qname !== 'xmlns' && !qname.startsWith('xmlns:')) continue;
        if (scope === stack.at(-1)) scope = { bindings: new Map(scope.bindings), names: new Map() };
        (scope.bindings as Map<string, string>).set(qname === 'xmlns' ? '' : qname.slice(6), attributes[qname]!);
      }
      stack.push(scope);
      return view(scope);
    },
    leave(): void {
      stack.pop();
    },
  };
}
