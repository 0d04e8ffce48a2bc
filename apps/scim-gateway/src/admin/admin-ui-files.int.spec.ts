import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminUiFiles, resolveAdminUiDir } from './admin-ui-files';

describe('AdminUiFiles', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'admin-ui-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeBuild(root: string) {
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(root, 'assets', 'index-AbCdEf12.js'), 'console.log(1)');
    writeFileSync(join(root, 'favicon.svg'), '<svg/>');
    writeFileSync(join(root, 'notes.md'), '# not served');
  }

  it('holds the build in memory: the page revalidated, hashed assets cached for good, unknown types left out', () => {
    writeBuild(dir);
    const files = AdminUiFiles.load(dir);
    expect(files.available).toBe(true);
    expect(files.get('index.html')).toMatchObject({ contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' });
    expect(files.get('assets/index-AbCdEf12.js')).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
      etag: expect.stringMatching(/^"[A-Za-z0-9_-]{27}"$/),
    });
    expect(files.get('favicon.svg')?.cacheControl).toBe('no-cache');
    expect(files.get('notes.md')).toBeUndefined();
    expect(files.get('../package.json')).toBeUndefined();
  });

  it('is empty, not failing, when there is no build', () => {
    const files = AdminUiFiles.load(join(dir, 'missing'));
    expect(files.available).toBe(false);
    expect(AdminUiFiles.load(undefined).available).toBe(false);
  });

  it('finds the build beside the bundle, or where ADMIN_UI_DIR says', () => {
    expect(resolveAdminUiDir(undefined, dir)).not.toBe(join(dir, 'admin-ui'));
    writeBuild(join(dir, 'admin-ui'));
    expect(resolveAdminUiDir(undefined, dir)).toBe(join(dir, 'admin-ui'));
    expect(resolveAdminUiDir(join(dir, 'admin-ui'), '/nowhere')).toBe(join(dir, 'admin-ui'));
    expect(resolveAdminUiDir(join(dir, 'missing'), dir)).toBeUndefined();
  });
});
