import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

/** A file of the admin page's build, held in memory with what its response needs. */
export interface AdminUiFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
  readonly cacheControl: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names bundle files by content hash (`assets/index-3fA9x_Qz.js`): they never change, cache them for good. */
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z]+$/;

/**
 * Where the built page is: ADMIN_UI_DIR when set; else `admin-ui/` beside the gateway's bundle (the build copies
 * it there, so dist/apps/scim-gateway is self-contained), else the admin-ui project's own build output
 * (`dist/apps/admin-ui`, for the gateway running from source).
 */
export function resolveAdminUiDir(configured: string | undefined, bundleDir: string = __dirname): string | undefined {
  const candidates = configured ? [resolve(configured)] : [join(bundleDir, 'admin-ui'), resolve('dist/apps/admin-ui')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * The admin page's files, read once at start-up into a fixed map: a request can only ever name one of them
 * (no path from the URL reaches the file system). Empty when the page is not built.
 */
export class AdminUiFiles {
  private constructor(
    private readonly files: ReadonlyMap<string, AdminUiFile>,
    readonly dir: string | undefined,
  ) {}

  /** Never throws: a build that cannot be read (e.g. being rewritten right now) serves as "not built". */
  static load(dir: string | undefined): AdminUiFiles {
    try {
      return new AdminUiFiles(dir ? readBuild(dir) : new Map(), dir);
    } catch {
      return new AdminUiFiles(new Map(), dir);
    }
  }

  get available(): boolean {
    return this.files.has('index.html');
  }

  /** A file by its path inside the build, e.g. `index.html`, `assets/index-3fA9x_Qz.js`. */
  get(path: string): AdminUiFile | undefined {
    return this.files.get(path);
  }
}

function readBuild(dir: string): Map<string, AdminUiFile> {
  const files = new Map<string, AdminUiFile>();
  for (const path of listFiles(dir)) {
    const contentType = CONTENT_TYPES[extname(path)];
    if (!contentType) continue;
    const body = readFileSync(join(dir, path));
    files.set(path, {
      body,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      cacheControl: HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  return files;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}
