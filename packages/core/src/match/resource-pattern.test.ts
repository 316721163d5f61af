import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContext } from '../condition/context.js';
import { compileResourcePatterns, matchesShape, type SimpleShape } from './resource-pattern.js';

const noContext = buildContext({});
const matches = (
  patterns: string[],
  resource: string,
  context = noContext,
  version = '2012-10-17' as const,
) => compileResourcePatterns(patterns, version).test(resource, context);

// ARNs are case-sensitive and wildcards work within a segment of an ARN.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
describe('compileResourcePatterns', () => {
  it.each([
    ['*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c.json', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/key', false],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', true],
    [
      'arn:aws:dynamodb:*:111122223333:table/orders',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      true,
    ],
    [
      'arn:aws:dynamodb:*:111122223333:table/orders',
      'arn:aws:dynamodb:eu-west-1:444455556666:table/orders',
      false,
    ],
    ['arn:aws:iam::*:role/app-?', 'arn:aws:iam::111122223333:role/app-1', true],
    ['arn:aws:iam::*:role/app-?', 'arn:aws:iam::111122223333:role/app-12', false],
    [
      'arn:aws:logs:*:*:log-group:/aws/lambda/*',
      'arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:x',
      true,
    ],
    ['arn:aws:s3:::*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:*:*:*:*', 'arn:aws:sqs:eu-west-1:111122223333:queue', true],
  ])('%s matches %s: %s', (pattern, resource, expected) => {
    expect(matches([pattern], resource)).toBe(expected);
  });

  it('keeps a region wildcard inside the region segment of a full ARN pattern', () => {
    // `*` in the region segment cannot absorb the account that follows it.
    expect(matches(['arn:aws:sqs:*:111122223333:queue'], 'arn:aws:sqs:eu-west-1:444455556666:queue')).toBe(
      false,
    );
    expect(matches(['arn:aws:sqs:eu-*:111122223333:*'], 'arn:aws:sqs:eu-west-1:111122223333:orders')).toBe(
      true,
    );
  });

  it('matches a pattern that is not a six-part ARN as one glob over the whole resource', () => {
    // AWS documents no per-segment rule for such values; matching them whole never hides an Allow.
    expect(matches(['arn:aws:sqs:*:queue'], 'arn:aws:sqs:eu-west-1:111122223333:queue')).toBe(true);
    expect(matches(['arn:*'], 'arn:aws:sqs:eu-west-1:111122223333:queue')).toBe(true);
  });

  it('does not match a resource that is not an ARN against an ARN pattern', () => {
    expect(matches(['arn:aws:s3:::bucket'], '*')).toBe(false);
  });

  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
  describe('with policy variables', () => {
    const home = ['arn:aws:s3:::home/${aws:username}/*'];
    it('replaces a variable from the context', () => {
      expect(
        matches(home, 'arn:aws:s3:::home/alice/notes.txt', buildContext({ 'aws:username': 'alice' })),
      ).toBe(true);
      expect(
        matches(home, 'arn:aws:s3:::home/bob/notes.txt', buildContext({ 'aws:username': 'alice' })),
      ).toBe(false);
    });

    it('matches nothing when the variable has no value and no default', () => {
      expect(matches(home, 'arn:aws:s3:::home/alice/notes.txt')).toBe(false);
      expect(compileResourcePatterns(home, '2012-10-17').keys).toEqual(['aws:username']);
    });

    it('uses the default value when the key is missing', () => {
      const pattern = ["arn:aws:s3:::home/${aws:PrincipalTag/team, 'shared'}/*"];
      expect(matches(pattern, 'arn:aws:s3:::home/shared/x')).toBe(true);
    });

    it('treats a variable value as literal text, never as a wildcard', () => {
      const context = buildContext({ 'aws:username': '*' });
      expect(matches(home, 'arn:aws:s3:::home/alice/notes.txt', context)).toBe(false);
      expect(matches(home, 'arn:aws:s3:::home/*/notes.txt', context)).toBe(true);
    });

    it('treats ${*} as a literal asterisk', () => {
      expect(matches(['arn:aws:s3:::b/${*}'], 'arn:aws:s3:::b/*')).toBe(true);
      expect(matches(['arn:aws:s3:::b/${*}'], 'arn:aws:s3:::b/x')).toBe(false);
    });

    it('leaves ${...} as literal text in version 2008-10-17', () => {
      const context = buildContext({ 'aws:username': 'alice' });
      expect(matches(home, 'arn:aws:s3:::home/alice/x', context, '2008-10-17' as never)).toBe(false);
      expect(matches(home, 'arn:aws:s3:::home/${aws:username}/x', context, '2008-10-17' as never)).toBe(true);
    });
  });
});

// The evaluator matches `exact` and `prefix` shapes by string comparison instead of `test`; the
// two must always agree, for ARN patterns (matched piece by piece) and other patterns alike.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
describe('compileResourcePatterns shape', () => {
  const byShape = (patterns: string[], resource: string) => {
    const matcher = compileResourcePatterns(patterns, '2012-10-17');
    if (matcher.shape === 'any') return true;
    if (matcher.alternatives !== undefined)
      return matcher.alternatives.some((alt) => matchesShape(alt, resource));
    if (matcher.shape === 'other') return matcher.test(resource, noContext);
    return matchesShape(matcher as SimpleShape, resource);
  };

  it.each([
    [['*'], 'any', ''],
    [['arn:aws:s3:::b', '*'], 'any', ''],
    [['arn:aws:s3:::bucket'], 'exact', 'arn:aws:s3:::bucket'],
    [['arn:aws:s3:::bucket/*'], 'prefix', 'arn:aws:s3:::bucket/'],
    [['arn:aws:iam::*'], 'prefix', 'arn:aws:iam::'],
    [['arn:aws:sqs:*:1:q'], 'other', ''],
    [['arn:aws:s3:::b/?'], 'other', ''],
    [['arn:aws:s3:::b/*/x'], 'other', ''],
    [['arn:aws:s3:::app-*/*'], 'contains', 'arn:aws:s3:::app-'],
    [['arn:aws:s3:::*/*'], 'contains', 'arn:aws:s3:::'],
    [['arn:aws:logs:*:*'], 'contains', 'arn:aws:logs:'],
    [['arn:aws:sqs:us-east-1:*:q*'], 'other', ''],
    [['arn:aws:s3:::${aws:username}/*'], 'other', ''],
    [['arn:aws:s3:::${bad'], 'exact', 'arn:aws:s3:::${bad'],
    [['arn:aws:s3:::a', 'arn:aws:s3:::b'], 'other', ''],
  ])('%j has shape %s', (patterns, shape, text) => {
    const matcher = compileResourcePatterns(patterns, '2012-10-17');
    expect({ shape: matcher.shape, text: matcher.text }).toEqual({ shape, text });
  });

  it('gives the shapes of several values only when each has one', () => {
    const both = compileResourcePatterns(['arn:aws:s3:::a', 'arn:aws:s3:::b-*/*'], '2012-10-17');
    expect(both.alternatives).toEqual([
      { shape: 'exact', text: 'arn:aws:s3:::a', middle: '' },
      { shape: 'contains', text: 'arn:aws:s3:::b-', middle: '/' },
    ]);
    expect(compileResourcePatterns(['arn:aws:s3:::a', 'arn:aws:s3:::b?'], '2012-10-17').alternatives).toBe(
      undefined,
    );
  });

  it('agrees with test on every pattern and resource', () => {
    const piece = fc.stringMatching(/^[a-c:/*?]{0,6}$/);
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 3 }), piece, (parts, resource) => {
        const pattern = `arn:aws:${parts.join(':')}`;
        const arn = `arn:aws:${resource}`;
        expect(byShape([pattern], arn)).toBe(matches([pattern], arn));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with test on patterns of the form text*middle*, colons anywhere', () => {
    // Colons are frequent, so that the first `*` often falls before the resource piece.
    const text = (max: number) =>
      fc.array(fc.constantFrom('a', 'b', ':', ':', '/'), { maxLength: max }).map((c) => c.join(''));
    fc.assert(
      fc.property(text(8), text(4), text(14), (prefix, middle, resource) => {
        const pattern = `arn:aws:${prefix}*${middle}*`;
        const arn = `arn:aws:${resource}`;
        expect(byShape([pattern], arn)).toBe(matches([pattern], arn));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with test on several values, each of any shape', () => {
    const value = fc.oneof(
      fc.stringMatching(/^[a-c:/*?]{0,8}$/),
      fc.stringMatching(/^[a-c:/]{0,6}$/).map((text) => `${text}*`),
      fc
        .tuple(fc.stringMatching(/^[a-c:/]{0,6}$/), fc.stringMatching(/^[a-c:/]{1,3}$/))
        .map(([text, middle]) => `${text}*${middle}*`),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2, maxLength: 3 }),
        fc.stringMatching(/^[a-c:/]{0,14}$/),
        (values, resource) => {
          const patterns = values.map((v) => `arn:aws:${v}`);
          const arn = `arn:aws:${resource}`;
          expect(byShape(patterns, arn)).toBe(matches(patterns, arn));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
