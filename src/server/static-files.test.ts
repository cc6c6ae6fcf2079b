import { describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rawRequest, tempWebServer } from '../../test/support/web-mode.js';
import { tempDir } from '../../test/support/temp-files.js';

describe('web mode: the built renderer over HTTP', () => {
  it('serves index.html for / with the strict CSP and no-referrer, no-sniff, no-store headers', async () => {
    const { server } = await tempWebServer();
    const page = await rawRequest(server.port, new URL(server.url).pathname + new URL(server.url).search);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('./assets/app.js');
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; font-src 'self' data:; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        `connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`,
    );
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
  });

  it('serves a script with a JavaScript content type', async () => {
    const { server } = await tempWebServer();
    const script = await rawRequest(server.port, '/assets/app.js');
    expect(script).toMatchObject({ status: 200, body: 'console.log("skillmeat");\n' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('lets the browser keep a content-hashed asset for the run, and nothing else', async () => {
    const { server, rendererDir } = await tempWebServer();
    await writeFile(join(rendererDir, 'assets', 'render-app-BiSGg2BO.js'), 'export {};\n');
    await writeFile(join(rendererDir, 'assets', 'index-BSMdmJri.css'), 'body {}\n');
    await writeFile(join(rendererDir, 'assets', 'notes.txt'), 'x\n');
    await mkdir(join(rendererDir, 'more', 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'more', 'assets', 'app-BiSGg2BO.js'), 'export {};\n');
    for (const hashed of ['/assets/render-app-BiSGg2BO.js', '/assets/index-BSMdmJri.css']) {
      const answer = await rawRequest(server.port, hashed);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    }
    // The page names the current assets: it is never stored. Nor is a name without a content hash.
    for (const other of [new URL(server.url).pathname + new URL(server.url).search, '/index.html', '/assets/app.js', '/assets/notes.txt', '/more/assets/app-BiSGg2BO.js', '/assets/nope-BiSGg2BO.js']) {
      expect((await rawRequest(server.port, other)).headers['cache-control'], other).toBe('no-store');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const { server } = await tempWebServer();
    const head = await rawRequest(server.port, '/assets/app.js', { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('console.log("skillmeat");\n')));
  });

  it('answers 404, with the CSP, for a file that is not there', async () => {
    const { server } = await tempWebServer();
    const missing = await rawRequest(server.port, '/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 404 for a folder', async () => {
    const { server } = await tempWebServer();
    expect((await rawRequest(server.port, '/assets')).status).toBe(404);
  });

  it.each(['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/assets/..%5c..%5cpackage.json', '/%00index.html', '/assets//app.js'])(
    'refuses the traversal attempt %s with 403',
    async (path) => {
      const { server } = await tempWebServer();
      expect((await rawRequest(server.port, path)).status).toBe(403);
    },
  );

  it('refuses a link inside the folder that leads out of it', async () => {
    const { server, rendererDir } = await tempWebServer();
    const outside = await tempDir();
    await writeFile(join(outside, 'secret.txt'), 'secret\n');
    await symlink(join(outside, 'secret.txt'), join(rendererDir, 'assets', 'secret.txt'));
    const answer = await rawRequest(server.port, '/assets/secret.txt');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('secret');
  });

  it('serves a link that stays inside the folder', async () => {
    const { server, rendererDir } = await tempWebServer();
    await mkdir(join(rendererDir, 'more'));
    await symlink(join(rendererDir, 'assets', 'app.js'), join(rendererDir, 'more', 'app.js'));
    expect((await rawRequest(server.port, '/more/app.js')).status).toBe(200);
  });

  it('refuses a request naming another host (DNS rebinding) with 421', async () => {
    const { server } = await tempWebServer();
    const answer = await rawRequest(server.port, '/', { host: `evil.example:${server.port}` });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('<html');
  });

  it('answers to localhost:PORT as well as 127.0.0.1:PORT', async () => {
    const { server } = await tempWebServer();
    expect((await rawRequest(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a request naming the right host on another port', async () => {
    const { server } = await tempWebServer();
    expect((await rawRequest(server.port, '/', { host: `127.0.0.1:${server.port + 1}` })).status).toBe(421);
  });

  it('refuses methods other than GET and HEAD with 405', async () => {
    const { server } = await tempWebServer();
    const answer = await rawRequest(server.port, '/', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});
