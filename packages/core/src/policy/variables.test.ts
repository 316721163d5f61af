// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written `${key}` in plain strings
import { describe, expect, it } from 'vitest';
import { buildContext } from '../condition/context.js';
import { compileGlobParts } from '../condition/glob.js';
import { compileTemplate, compileTemplateMatcher } from './variables.js';

const context = buildContext({
  'aws:username': 'david',
  'aws:PrincipalTag/team': 'payments',
  'aws:PrincipalTag/cost center': 'cc-1',
  'aws:TagKeys': ['a', 'b'],
  'aws:PrincipalTag/empty': [],
  's3:prefix': 'x*y',
});

// Syntax, defaults and special characters:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// A multivalued key cannot be a policy variable:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
describe('compileTemplate', () => {
  it.each([
    ['plain text', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/*'],
    ['a variable', 'home/${aws:username}/', 'home/david/'],
    ['key names are case-insensitive', 'home/${AWS:UserName}/', 'home/david/'],
    ['two variables', '${aws:username}-${aws:PrincipalTag/team}', 'david-payments'],
    ['a tag key with a space', '${aws:PrincipalTag/cost center}', 'cc-1'],
    ['a default that is not needed', "${aws:PrincipalTag/team, 'company-wide'}", 'payments'],
    ['a default for a missing key', "${aws:PrincipalTag/project, 'company-wide'}", 'company-wide'],
    ['an empty default', "a${aws:userid, ''}b", 'ab'],
    ['a default without the space', "${aws:userid,'anonymous'}", 'anonymous'],
    ['whitespace around the key', '${ aws:username }', 'david'],
    ['a default for a multivalued key', "${aws:TagKeys, 'none'}", 'none'],
    ['a default for a key without values', "${aws:PrincipalTag/empty, 'none'}", 'none'],
    ['${*}', 'a${*}b', 'a*b'],
    ['${?}', 'a${?}b', 'a?b'],
    ['${$}', 'cost${$}', 'cost$'],
    ['an unclosed ${', 'a${aws:username', 'a${aws:username'],
    ['a lone $', 'a$b{c}', 'a$b{c}'],
  ])('expands %s', (_name, text, expected) => {
    expect(compileTemplate(text, '2012-10-17').expand(context)).toBe(expected);
  });

  it.each([
    ['a missing key', 'home/${aws:userid}/'],
    ['a multivalued key', '${aws:TagKeys}'],
    ['a key without values', '${aws:PrincipalTag/empty}'],
    ['an empty variable', 'a${}b'],
    ['a default without quotes', '${aws:userid, anonymous}'],
    ['a nested variable', '${aws:${aws:username}}'],
  ])('has no expansion for %s', (_name, text) => {
    expect(compileTemplate(text, '2012-10-17').expand(context)).toBeUndefined();
  });

  it('reports a `${...}` that is not a variable', () => {
    const template = compileTemplate('a${}b', '2012-10-17');
    expect(template.problems).toHaveLength(1);
    expect(template.problems[0]).toContain('`${}` is not a policy variable');
    expect(compileTemplate('${aws:username}', '2012-10-17').problems).toEqual([]);
  });

  it('lists the lowercased keys it reads, once each', () => {
    const template = compileTemplate(
      "${aws:UserName}/${aws:username}/${aws:PrincipalTag/Team, 'x'}/${*}",
      '2012-10-17',
    );
    expect(template.keys).toEqual(['aws:username', 'aws:principaltag/team']);
    expect(template.literal).toBe(false);
    expect(template.hasVariables).toBe(true);
  });

  it('treats ${...} as literal text in version 2008-10-17', () => {
    const template = compileTemplate('home/${aws:username}/${*}', '2008-10-17');
    expect(template.literal).toBe(true);
    expect(template.keys).toEqual([]);
    expect(template.expand(context)).toBe('home/${aws:username}/${*}');
  });

  it('keeps wildcards in policy text and makes variable values and ${*} literal', () => {
    const template = compileTemplate('${s3:prefix}/${*}/*', '2012-10-17');
    expect(template.expandParts(context)).toEqual([
      { text: 'x*y', wildcards: false },
      { text: '/', wildcards: true },
      { text: '*', wildcards: false },
      { text: '/*', wildcards: true },
    ]);
    const match = compileGlobParts(template.expandParts(context) ?? []);
    expect(match('x*y/*/anything')).toBe(true);
    expect(match('xzy/*/anything')).toBe(false);
    expect(match('x*y/z/anything')).toBe(false);
  });
});

describe('compileTemplateMatcher', () => {
  it('builds once while the variable values stay the same', () => {
    const template = compileTemplate('home/${aws:username}/*', '2012-10-17');
    let builds = 0;
    const matcher = compileTemplateMatcher(template, (parts) => {
      builds++;
      return compileGlobParts(parts);
    });
    const other = buildContext({ 'aws:username': 'adele' });
    expect(matcher(context)?.('home/david/x')).toBe(true);
    expect(matcher(context)?.('home/adele/x')).toBe(false);
    expect(builds).toBe(1);
    expect(matcher(other)?.('home/adele/x')).toBe(true);
    expect(builds).toBe(2);
    expect(matcher(buildContext({}))).toBeUndefined();
    expect(matcher(other)?.('home/adele/x')).toBe(true);
    expect(builds).toBe(2);
  });
});
