/**
 * Diagnostic codes of the score (`accessloop score`). Stable: tools and users match on them.
 */
export const scoreCodes = {
  'score.invalid-reviews':
    'the completed-reviews file is not valid YAML or JSON, or an entry lacks `team`/`app` or a `completedAt` date',
} as const;
