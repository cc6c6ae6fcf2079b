import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { addonModuleVersion, afterPack, electronModuleVersion, packedAddonProblems, SKIP_VARIABLE } from '../../scripts/native-addon-abi.js';

// The addon as `npm ci` built it here: for this machine's Node, exactly what must not be shipped.
const require = createRequire(import.meta.url);
const nodeBuiltAddon = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const nodeAbi = Number(process.versions.modules);
const ELECTRON = '45.4.1';
const ELECTRON_ABI = 150;
const addonPath = join('resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** An addon's bytes as a build for `abi` would export its registration function. */
function builtFor(abi: number): Buffer {
  return Buffer.from(`\x7fELF\0\0__gmon_start__\0node_register_module_v${abi}\0sqlite3_open\0`, 'latin1');
}

let appOutDir: string;

beforeEach(async () => {
  appOutDir = await mkdtemp(join(tmpdir(), 'skillmeat-packed-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env[SKIP_VARIABLE];
  await rm(appOutDir, { recursive: true, force: true });
});

async function pack(relativePath: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(join(appOutDir, relativePath)), { recursive: true });
  await writeFile(join(appOutDir, relativePath), bytes);
}

const context = () => ({ appOutDir, packager: { info: { framework: { version: ELECTRON } } } });

describe('addonModuleVersion', () => {
  it('reads the ABI of the real better-sqlite3 addon: this Node’s, as npm built it', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(addonModuleVersion(await readFile(nodeBuiltAddon))).toEqual({ kind: 'abi', version: nodeAbi });
  });

  it('reads a Mach-O export, whose names start with an underscore', () => {
    expect(addonModuleVersion(Buffer.from('\xcf\xfa\xed\xfe_node_register_module_v150\0', 'latin1'))).toEqual({ kind: 'abi', version: 150 });
  });

  it('calls a Node-API addon ABI-stable', () => {
    expect(addonModuleVersion(Buffer.from('\0napi_register_module_v1\0', 'latin1'))).toEqual({ kind: 'napi' });
  });

  it('cannot tell for an addon that names no registration function, or two ABIs', () => {
    expect(addonModuleVersion(Buffer.from('\x7fELF\0sqlite3_open\0', 'latin1'))).toEqual({ kind: 'unknown' });
    expect(addonModuleVersion(Buffer.concat([builtFor(115), builtFor(150)]))).toEqual({ kind: 'unknown' });
  });
});

describe('electronModuleVersion', () => {
  it('knows the ABI of the Electron this app is built on', async () => {
    expect(await electronModuleVersion(ELECTRON)).toBe(ELECTRON_ABI);
  });
});

describe('packedAddonProblems', () => {
  it('finds nothing wrong with an addon rebuilt for Electron', async () => {
    await pack(addonPath, builtFor(ELECTRON_ABI));
    expect(await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI)).toEqual([]);
  });

  it('refuses the addon npm built for Node, as `npmRebuild: false` would pack it', async () => {
    await mkdir(dirname(join(appOutDir, addonPath)), { recursive: true });
    await copyFile(nodeBuiltAddon, join(appOutDir, addonPath));
    const [problem, ...others] = await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI);
    expect(others).toEqual([]);
    expect(problem).toContain(`was built for NODE_MODULE_VERSION ${nodeAbi} (this machine's Node ${process.version}`);
    expect(problem).toContain(`Electron ${ELECTRON} needs ${ELECTRON_ABI}`);
  });

  it('checks addons in the macOS bundle layout too', async () => {
    await pack(join('SkillMeat.app', 'Contents', addonPath), builtFor(nodeAbi));
    expect(await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI)).toHaveLength(1);
  });

  it('refuses a package without the better-sqlite3 addon', async () => {
    expect(await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI)).toEqual([
      `no better_sqlite3.node under app.asar.unpacked in ${appOutDir}: the app could not open its cache`,
    ]);
  });

  it('refuses an addon whose ABI it cannot read, and passes a Node-API one', async () => {
    await pack(addonPath, builtFor(ELECTRON_ABI));
    await pack(join('resources', 'app.asar.unpacked', 'node_modules', 'odd', 'odd.node'), Buffer.from('\x7fELF\0', 'latin1'));
    await pack(join('resources', 'app.asar.unpacked', 'node_modules', 'stable', 'stable.node'), Buffer.from('napi_register_module_v1', 'latin1'));
    const problems = await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI);
    expect(problems).toEqual([`${join('resources', 'app.asar.unpacked', 'node_modules', 'odd', 'odd.node')}: cannot tell which ABI it was built for`]);
  });

  it('ignores .node files outside app.asar.unpacked (Electron’s own files)', async () => {
    await pack(addonPath, builtFor(ELECTRON_ABI));
    await pack(join('resources', 'elsewhere.node'), builtFor(nodeAbi));
    expect(await packedAddonProblems(appOutDir, ELECTRON, ELECTRON_ABI)).toEqual([]);
  });
});

describe('afterPack', () => {
  it('fails packaging when the addon is the Node build, saying how to rebuild it', async () => {
    await pack(addonPath, builtFor(nodeAbi));
    await expect(afterPack(context())).rejects.toThrow(/npx @electron\/rebuild -f -o better-sqlite3/);
  });

  it('lets packaging go on when the addon was rebuilt for Electron', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await pack(addonPath, builtFor(ELECTRON_ABI));
    await expect(afterPack(context())).resolves.toBeUndefined();
  });

  it('only warns when told to pack a layout check anyway', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env[SKIP_VARIABLE] = '1';
    await pack(addonPath, builtFor(nodeAbi));
    await expect(afterPack(context())).resolves.toBeUndefined();
    expect(warn.mock.calls[0]?.[0]).toContain('never ship it');
  });
});
