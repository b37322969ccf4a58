import { describe, expect, it } from 'vitest';
import { parseAnnotations, parseFileCommand } from './workflow-commands.ts';

describe('parseFileCommand', () => {
  it('reads name=value lines, keeping "=" inside values', () => {
    expect(parseFileCommand('passed=true\nfailures=[{"a":"b=c"}]\n')).toEqual({ passed: 'true', failures: '[{"a":"b=c"}]' });
  });

  it('reads heredoc blocks with any delimiter, including empty lines inside', () => {
    const text = 'report<<ghadelimiter_1f2e\n# Title\n\n| a | b |\nghadelimiter_1f2e\nstatus=ok\n';
    expect(parseFileCommand(text)).toEqual({ report: '# Title\n\n| a | b |', status: 'ok' });
  });

  it('treats "<<" after "=" as part of a value', () => {
    expect(parseFileCommand('shift=a<<b\n')).toEqual({ shift: 'a<<b' });
  });

  it('rejects an unterminated heredoc, as the runner does', () => {
    expect(() => parseFileCommand('report<<EOF\nline\n')).toThrow('GITHUB_OUTPUT: matching delimiter "EOF" not found for "report"');
  });
});

describe('parseAnnotations', () => {
  it('unescapes %0A, %0D and %25 in messages and also %3A and %2C in properties', () => {
    const stdout = '::error file=a%2Cb.json,line=3,endLine=4,col=2,endColumn=9,title=gate%3A accuracy::50%25 below%0Anext%0D\n';
    expect(parseAnnotations(stdout)).toEqual([
      { level: 'error', file: 'a,b.json', line: 3, endLine: 4, col: 2, endColumn: 9, title: 'gate: accuracy', message: '50% below\nnext\r' },
    ]);
  });

  it('decodes an escaped escape only once', () => {
    // core.error('%0A literally') is printed as %250A literally
    expect(parseAnnotations('::warning::%250A literally')).toEqual([{ level: 'warning', message: '%0A literally' }]);
  });

  it('ignores other commands and plain output', () => {
    expect(parseAnnotations('hello\n::debug::x\n::group::g\n::endgroup::\n::notice::n')).toEqual([{ level: 'notice', message: 'n' }]);
  });

  it('skips commands between ::stop-commands:: and the resume token', () => {
    const stdout = '::stop-commands::tok123\n::error::not a command\n::tok123::\n::error::real';
    expect(parseAnnotations(stdout)).toEqual([{ level: 'error', message: 'real' }]);
  });
});
