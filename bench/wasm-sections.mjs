// Where a wasm module's bytes go, without extra tools: section sizes of any module, and, for a
// module that still has its `name` section (cargo's output before wasm-bindgen/wasm-opt strip
// it), code bytes per crate, read from the demangled function names.

function readU32(bytes, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos.at++];
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
  }
}

function readName(bytes, pos) {
  const len = readU32(bytes, pos);
  const text = Buffer.from(bytes.subarray(pos.at, pos.at + len)).toString('utf8');
  pos.at += len;
  return text;
}

const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag'];

/** `{sections: [{name, bytes}], functionBodies: Map<funcIndex, bytes>, names: Map<funcIndex, name>}` */
export function parseWasm(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const pos = { at: 8 };
  const sections = [];
  const functionBodies = new Map();
  const names = new Map();
  let importedFunctions = 0;
  while (pos.at < bytes.length) {
    const id = bytes[pos.at++];
    const size = readU32(bytes, pos);
    const start = pos.at;
    const end = start + size;
    let name = SECTION[id] ?? `section ${id}`;
    if (id === 0) {
      const custom = readName(bytes, pos);
      name = `custom "${custom}"`;
      if (custom === 'name') {
        while (pos.at < end) {
          const sub = bytes[pos.at++];
          const subSize = readU32(bytes, pos);
          const subEnd = pos.at + subSize;
          if (sub === 1) {
            const count = readU32(bytes, pos);
            for (let i = 0; i < count; i++) {
              const index = readU32(bytes, pos);
              names.set(index, readName(bytes, pos));
            }
          }
          pos.at = subEnd;
        }
      }
    } else if (id === 2) {
      const count = readU32(bytes, pos);
      for (let i = 0; i < count; i++) {
        readName(bytes, pos);
        readName(bytes, pos);
        const kind = bytes[pos.at++];
        if (kind === 0) {
          readU32(bytes, pos);
          importedFunctions++;
        } else if (kind === 1 || kind === 2) {
          if (kind === 1) pos.at++; // reftype
          const flags = bytes[pos.at++];
          readU32(bytes, pos);
          if (flags & 1) readU32(bytes, pos);
        } else if (kind === 3) {
          pos.at += 2; // valtype, mutability
        } else if (kind === 4) {
          pos.at++;
          readU32(bytes, pos);
        }
      }
    } else if (id === 10) {
      const count = readU32(bytes, pos);
      for (let i = 0; i < count; i++) {
        const bodyStart = pos.at;
        const bodySize = readU32(bytes, pos);
        pos.at += bodySize;
        functionBodies.set(importedFunctions + i, pos.at - bodyStart);
      }
    }
    sections.push({ name, bytes: size });
    pos.at = end;
  }
  return { sections, functionBodies, names };
}

// The crate a function comes from, read from its mangled name (legacy `_ZN`, v0 `_R`) or
// demangled name; wasm-bindgen's generated shims and descriptors get their own buckets.
const DESCRIPTOR = '(wasm-bindgen descriptors: dropped by wasm-bindgen)';
function crateOf(name) {
  if (name.startsWith('__wbindgen_describe') || name.includes('WasmDescribe')) return DESCRIPTOR;
  if (name.startsWith('__wbg_') || name.startsWith('__wbindgen_')) return 'wasm_bindgen';
  const legacy = /^_ZN(\d+)/.exec(name);
  if (legacy) {
    let first = name.substr(legacy[0].length, Number(legacy[1]));
    first = first.replace(/^_?\$LT\$/, '').replace(/^(\$RF\$)?(mut\$u20\$)?/, '');
    const crate = /^[A-Za-z_][A-Za-z0-9_]*/.exec(first)?.[0] ?? '(other)';
    if (/^[A-Z]$/.test(crate)) {
      // `<T as some_crate::Trait>`: count it for the trait's crate.
      return /as\$u20\$([A-Za-z_][A-Za-z0-9_]*)/.exec(first)?.[1] ?? '(other)';
    }
    return crate;
  }
  const v0 = /^_R.*?C(?:s[0-9a-zA-Z]*_)?(\d+)/.exec(name);
  if (v0) {
    const ident = name.substr(v0.index + v0[0].length, Number(v0[1]));
    return ident === '_7___rustc' || ident.startsWith('_') ? 'rustc shims' : ident;
  }
  const demangled = /^<?(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)::/.exec(name);
  if (demangled) return demangled[1];
  return '(exported shims and other)';
}

/** Code bytes per crate, largest first, or `null` when the module has no `name` section. */
export function codeByCrate(bytes) {
  const { functionBodies, names } = parseWasm(bytes);
  if (names.size === 0) return null;
  const perCrate = new Map();
  let total = 0;
  for (const [index, size] of functionBodies) {
    const crate = names.has(index) ? crateOf(names.get(index)) : '(unnamed)';
    if (crate === DESCRIPTOR) continue;
    perCrate.set(crate, (perCrate.get(crate) ?? 0) + size);
    total += size;
  }
  return [...perCrate.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([crate, size]) => ({ crate, bytes: size, share: size / total }));
}
