/**
 * `kansa import DIR`: the files under a directory, such as a copy of an S3 bucket's CloudTrail layout
 * (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<time>_<id>.json.gz`).
 * Every file is an input; CloudTrail digest files (`CloudTrail-Digest/…`, hashes of the log files, no
 * events) are set aside and counted instead of becoming parse failures.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Tree {
  /** Input files, sorted by path: the import is the same whatever order the copy wrote them in. */
  files: string[];
  /** CloudTrail digest files, not imported. */
  digests: string[];
  /** Entries that could not be listed or are not plain files or directories, with the reason. */
  unreadable: Array<{ path: string; reason: string }>;
}

/** A CloudTrail digest: under a `CloudTrail-Digest` folder, or named `<account>_CloudTrail-Digest_…`. */
export function isCloudTrailDigest(path: string): boolean {
  return /(^|[\\/])CloudTrail-Digest[\\/]/.test(path) || /_CloudTrail-Digest_[^\\/]*$/.test(path);
}

/**
 * Walks `dir` depth first. A symbolic link to a file is an input like the file; a link to a directory is
 * not followed (a link loop cannot make the walk endless) and is reported as unreadable instead.
 * Memory: one path string per file found (about 200 bytes each: 1 million files ≈ 200 MB).
 */
export function walkTree(dir: string): Tree {
  const tree: Tree = { files: [], digests: [], unreadable: [] };
  const visit = (path: string): void => {
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch (err) {
      tree.unreadable.push({ path, reason: (err as Error).message });
      return;
    }
    for (const name of names) {
      const p = join(path, name);
      let st;
      try {
        st = lstatSync(p);
        // A link to a file is read like the file; a link to a directory is not walked (no loops).
        if (st.isSymbolicLink() && statSync(p).isDirectory()) {
          tree.unreadable.push({ path: p, reason: 'a symbolic link to a directory (not followed)' });
          continue;
        }
        if (st.isSymbolicLink()) st = statSync(p);
      } catch (err) {
        tree.unreadable.push({ path: p, reason: (err as Error).message });
        continue;
      }
      if (st.isDirectory()) visit(p);
      else if (!st.isFile()) tree.unreadable.push({ path: p, reason: 'not a regular file' });
      else if (isCloudTrailDigest(p)) tree.digests.push(p);
      else tree.files.push(p);
    }
  };
  visit(dir);
  return tree;
}
