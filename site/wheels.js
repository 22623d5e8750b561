// Installing a wheel without Pyodide's package loader. The loader's first use imports its own
// Python machinery (zipfile, shutil, importlib.metadata…): about 0.1 s in the browser before
// the first wheel is unpacked, which a bare Pyodide start never pays. A wheel is a zip; its
// files are written straight into site-packages, after its sha256 (from the build's lockfile)
// is checked: a wrong byte fails with the same "integrity" error the loader would give.

/** @typedef {{file_name: string, sha256: string, depends: string[]}} LockEntry */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** @param {ArrayBuffer} buffer */
async function sha256Hex(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** @param {Uint8Array<ArrayBuffer>} bytes */
async function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Every file of a zip archive, by its path inside it (stored or deflated members).
 * @param {ArrayBuffer} buffer
 * @returns {Promise<Map<string, Uint8Array>>}
 */
export async function unzip(buffer) {
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  let end = buffer.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) end -= 1;
  if (end < 0) throw new Error("not a zip archive");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    if (view.getUint32(at, true) !== CENTRAL_FILE_HEADER) throw new Error("damaged zip directory");
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (view.getUint32(local, true) !== LOCAL_FILE_HEADER) throw new Error(`damaged zip entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + packed);
    if (method === 0) files.set(name, data);
    else if (method === 8) files.set(name, await inflateRaw(data));
    else throw new Error(`zip entry ${name}: unsupported compression ${method}`);
  }
  return files;
}

/**
 * The named packages and what they depend on, in the lockfile's terms, each once.
 * @param {Record<string, LockEntry>} packages
 * @param {string[]} names
 */
export function withDependencies(packages, names) {
  const order = [];
  const visit = (/** @type {string} */ name) => {
    if (order.includes(name)) return;
    const entry = packages[name];
    if (!entry) throw new Error(`not in the lockfile: ${name}`);
    for (const dep of entry.depends) visit(dep);
    order.push(name);
  };
  for (const name of names) visit(name);
  return order;
}

/**
 * Download the named packages (with their dependencies), check each against its sha256 and
 * unpack it, all in parallel; nothing is written yet.
 * @param {Promise<{packages: Record<string, LockEntry>}>} lockfile
 * @param {string} baseURL  where the lockfile's file names are
 * @param {string[]} names
 * @returns {Promise<[string, Map<string, Uint8Array>][]>}
 */
export async function fetchWheels(lockfile, baseURL, names) {
  const { packages } = await lockfile;
  return Promise.all(
    withDependencies(packages, names).map(async (name) => {
      const entry = packages[name];
      const response = await fetch(baseURL + entry.file_name);
      if (!response.ok) throw new Error(`${entry.file_name}: HTTP status ${response.status}`);
      const buffer = await response.arrayBuffer();
      if ((await sha256Hex(buffer)) !== entry.sha256) throw new Error(`${entry.file_name}: sha256 integrity check failed`);
      return /** @type {[string, Map<string, Uint8Array>]} */ ([name, await unzip(buffer)]);
    }),
  );
}

/**
 * Write unpacked packages into site-packages of Pyodide's file system.
 * @param {{mkdirTree: (path: string) => void, writeFile: (path: string, data: Uint8Array) => void}} fs
 * @param {string} sitePackages
 * @param {[string, Map<string, Uint8Array>][]} unpacked
 */
export function writeWheels(fs, sitePackages, unpacked) {
  for (const [, files] of unpacked) {
    for (const [path, data] of files) {
      const full = `${sitePackages}/${path}`;
      fs.mkdirTree(full.slice(0, full.lastIndexOf("/")));
      fs.writeFile(full, data);
    }
  }
}
