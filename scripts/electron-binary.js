// Finds Electron's executable the way the `electron` package itself does (path.txt names it under
// dist/), but without requiring that package: requiring it starts a download when the binary is absent.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where Electron's executable is, or why there is none: `{ found: true, binaryPath }` or
 * `{ found: false, reason, lookedAt }`. Honours ELECTRON_OVERRIDE_DIST_PATH like the package does.
 */
export function findElectronBinary(electronPackageDir, env = process.env) {
  const pathFile = join(electronPackageDir, 'path.txt');
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let executable;
  if (existsSync(pathFile)) {
    executable = readFileSync(pathFile, 'utf8').trim();
  } else if (!override) {
    return { found: false, reason: 'the electron package has no path.txt: its binary was never downloaded', lookedAt: pathFile };
  }
  const binaryPath = override ? join(override, executable || 'electron') : join(electronPackageDir, 'dist', executable);
  if (!isFile(binaryPath)) {
    const reason = override ? 'ELECTRON_OVERRIDE_DIST_PATH holds no Electron binary' : 'the binary that path.txt names is not there';
    return { found: false, reason, lookedAt: binaryPath };
  }
  return { found: true, binaryPath };
}

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
