import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { createContext, type StageContext } from '../context.js';
import { localDocument } from '../fetch/local.js';
import { createLogger } from '../log.js';
import { analyzeDocument } from '../pipeline.js';
import type { Analysis, Lang } from '../records.js';
import { sidesStated } from '../summarise/llm/grounding.js';
import { findConflicts, toDisputes, type ConflictArticle } from './conflicts.js';

let ctx: StageContext;
beforeAll(() => {
  ctx = createContext(loadConfig({ file: null, env: {} }), { log: createLogger({ level: 'silent' }) });
});

async function analyse(id: string, lang: Lang, text: string): Promise<ConflictArticle> {
  const out = await analyzeDocument(localDocument(`---\ntitle: "${id}"\n---\n${text}\n`, 'markdown', { kind: 'file', uri: `${id}.md` }, ctx, lang), ctx);
  if (out.kind !== 'ok') throw new Error(`${id}: skipped`);
  return { id, analysis: out.value as Analysis };
}

async function conflictsOf(a: [Lang, string], b: [Lang, string]) {
  return findConflicts([await analyse('a', ...a), await analyse('b', ...b)]);
}

describe('findConflicts', () => {
  it('names a disagreement across languages, with each value, its text and what is measured', async () => {
    const found = await conflictsOf(
      ['en', 'Nvidia will supply 60,000 GPUs to South Korea. Hyundai Motor Group will invest $3 billion in an AI data center.'],
      ['ja', 'エヌビディアは韓国に5万台のGPUを供給すると発表した。現代自動車グループは30億ドルを投じてAIデータセンターを建設する。'],
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ what: 'supply (GPUs)', kind: 'count' });
    expect(found[0]!.claims.map((c) => [c.articleId, c.text, c.display])).toEqual([
      ['a', '60,000', '60,000 GPUs'],
      ['b', '5万台', '50,000 GPUs'],
    ]);
  });

  it('finds no conflict where values agree after normalisation, in all three languages', async () => {
    expect(
      await conflictsOf(
        ['ko', '삼성전자는 천안에 3조 원을 투자해 반도체 패키징 라인을 짓는다. 이 라인에는 약 1,000명이 근무한다.'],
        ['en', 'Samsung Electronics will invest 3 trillion won in a chip packaging line in Cheonan. The line will employ about 1,000 people.'],
      ),
    ).toEqual([]);
    expect(
      await conflictsOf(
        ['ja', '欧州委員会はアップルに18億ユーロの制裁金を科した。'],
        ['en', 'The European Commission fined Apple €1.8 billion over music streaming.'],
      ),
    ).toEqual([]);
  });

  it('accepts a range holding the value, and "about" within rounding, but not a value outside either', async () => {
    expect(await conflictsOf(['en', 'The carmaker plans to cut between 6,000 and 8,000 jobs.'], ['en', 'The carmaker will cut 7,000 jobs.'])).toEqual([]);
    expect(await conflictsOf(['en', 'Hyundai Motor Group will invest about $20 billion in the United States.'], ['ko', '현대차그룹은 미국에 210억 달러를 투자한다.'])).toEqual([]);
    expect(await conflictsOf(['en', 'About 12,000 residents were evacuated.'], ['ko', '주민 1만 1,800명이 대피했다.'])).toEqual([]);
    expect(await conflictsOf(['en', 'About 12,000 residents were evacuated.'], ['ko', '주민 8,000명이 대피했다.'])).toHaveLength(1);
    expect(await conflictsOf(['en', 'The carmaker plans to cut between 6,000 and 8,000 jobs.'], ['en', 'The carmaker will cut 9,500 jobs.'])).toHaveLength(1);
  });

  it('does not compare figures of different subjects, years, roles or currencies', async () => {
    expect(
      await conflictsOf(
        ['en', 'Samsung Electronics posted an operating profit of 9.1 trillion won. SK Hynix reported an operating profit of 7.0 trillion won.'],
        ['ko', 'SK하이닉스는 3분기 영업이익이 7조 원을 기록했다.'],
      ),
    ).toEqual([]);
    expect(
      await conflictsOf(
        ['en', "South Korea's chip exports reached $141.9 billion in 2024 and could reach $150 billion in 2025."],
        ['ko', '2024년 반도체 수출은 1,419억 달러로 사상 최대를 기록했다.'],
      ),
    ).toEqual([]);
    expect(await conflictsOf(['en', 'The acquisition is valued at $2 billion.'], ['ja', '買収額は約3000億円となる。'])).toEqual([]);
    expect(
      await conflictsOf(
        ['en', "Kakao's revenue rose 5% to 2 trillion won, while operating profit fell 10% to 130 billion won."],
        ['ko', '카카오의 매출은 2조 원으로 5% 늘었다. 영업이익은 1,300억 원으로 10% 줄었다.'],
      ),
    ).toEqual([]);
  });

  it('gives the grounding every value of a dispute, and finds a line that states only one', async () => {
    const found = await conflictsOf(['ja', '新型GPUの推論性能は従来の30倍になるという。'], ['ko', '신형 GPU의 추론 성능은 기존 제품의 25배에 이른다.']);
    const disputes = toDisputes(found);
    expect(disputes[0]!.claims.map((c) => c.display)).toEqual(['30×', '25×']);
    expect(sidesStated('The new GPU is 30 times faster.', disputes)[0]).toMatchObject({ stated: ['30×'], missing: ['25×'] });
    expect(sidesStated('The new GPU is 25 to 30 times faster, depending on the report.', disputes)).toEqual([]);
    expect(sidesStated('The new GPU is faster.', disputes)).toEqual([]);
  });
});
