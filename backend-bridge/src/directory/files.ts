import { statSync, readFileSync } from 'node:fs';
import { parseAssets, parseDirectory, type Asset, type DirectoryUser } from '../translate/directory';

/** A directory file larger than this is refused rather than read: 64 MiB is some 500 000 people. */
export const MAX_DIRECTORY_BYTES = 64 << 20;

export interface DirectoryFiles {
  users?: string;
  assets?: string;
}

function readBounded(path: string): string {
  const size = statSync(path).size;
  if (size > MAX_DIRECTORY_BYTES)
    throw new Error(`${path}: ${size} bytes, more than the ${MAX_DIRECTORY_BYTES} a directory file may have`);
  return readFileSync(path, 'utf8');
}

/** Reads and parses both files; throws (naming the file) on one that cannot be read or parsed. */
export function readDirectoryFiles(files: DirectoryFiles): { users: DirectoryUser[]; assets: Asset[] } {
  return {
    users: files.users ? parseDirectory(readBounded(files.users), files.users) : [],
    assets: files.assets ? parseAssets(readBounded(files.assets), files.assets) : [],
  };
}
