import { describe, expect, it } from 'vitest';
import { splitActionName } from './action-words.js';

// Action names as the Service Authorization Reference spells them:
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
describe('splitActionName', () => {
  it.each([
    ['GetObject', 'get', ['object'], 'object'],
    ['PutBucketPolicy', 'put', ['bucket', 'policy'], 'policy'],
    ['BatchGetItem', 'get', ['item'], 'item'],
    ['AdminGetUser', 'get', ['user'], 'user'],
    ['PartiQLSelect', 'select', [], ''],
    ['GetDBInstance', 'get', ['db', 'instance'], 'instance'],
    ['ESHttpGet', 'es', ['http', 'get'], 'get'],
    ['PutRecordBatch', 'put', ['record'], 'record'],
    ['GetMetricDataV2', 'get', ['metric', 'data'], 'data'],
    ['DeleteColumnStatisticsForTable', 'delete', ['column', 'statistics'], 'statistics'],
    ['RemoveRoleFromDBCluster', 'remove', ['role'], 'role'],
    ['DeleteDataViaQuery', 'delete', ['data'], 'data'],
    ['AssumeRoleWithSAML', 'assume', ['role'], 'role'],
    ['connect', 'connect', [], ''],
    ['GET', 'get', [], ''],
    ['Batch', 'batch', [], ''],
  ])('%s is %s %j', (name, verb, nouns, head) => {
    const words = splitActionName(name);
    expect(words).toEqual({ verb, nouns, noun: nouns.join(''), head });
  });

  it('keeps a preposition that starts the nouns: there is nothing before it to act on', () => {
    expect(splitActionName('OptInPhoneNumber').nouns).toEqual(['in', 'phone', 'number']);
    expect(splitActionName('SubscribeToShard').nouns).toEqual(['to', 'shard']);
  });
});
