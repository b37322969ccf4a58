// Every operation the fake implements (and the upload host's) has a row in the permission table,
// so a test passing `permissions` never meets an operation the table forgot.
import { describe, expect, it } from 'vitest';
import { handlers } from './handlers.ts';
import { isPermitted, permissionTable, scopesFor } from './permissions.ts';

describe('permissionTable', () => {
  it('lists every implemented operation exactly once', () => {
    const listed = permissionTable.flatMap((row) => row.operations);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...Object.keys(handlers), 'repos/upload-release-asset'].filter((operation) => scopesFor(operation) === undefined)).toEqual([]);
  });

  it('needs read for GET and write for anything else', () => {
    expect(isPermitted({ contents: 'read' }, 'repos/list-releases', 'GET')).toBe(true);
    expect(isPermitted({ contents: 'read' }, 'repos/create-release', 'POST')).toBe(false);
    expect(isPermitted({ contents: 'write' }, 'repos/get-release', 'GET')).toBe(true);
    expect(isPermitted({ contents: 'none' }, 'repos/get-release', 'GET')).toBe(false);
    expect(isPermitted({}, 'rate-limit/get', 'GET')).toBe(true);
  });
});
