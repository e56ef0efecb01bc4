import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TextRun,
} from 'docx';
import { Dec, formatPercent } from '@pacer/shared';

import { boardBlocks } from './briefing-boards';
import { chainParagraphs } from './briefing-chains';
import type { BriefingCharts } from './briefing-charts';
import { excerptWords, groupExcerpt } from './briefing-excerpt';
import { groupLeadText, listLines, listsRuleText } from './briefing-lists';
import type { BriefingModel } from './briefing-model';
import { REJECTION_HEADERS, rejectionRows, verificationLead, verificationSentences } from './briefing-verification';
import {
  chineseDate,
  figureNumber,
  figureUnit,
  gapPointsText,
  movementText,
  namesListText,
  periodLabel,
  requirementsParagraphs,
  scoreText,
} from './briefing-text';
import {
  blank,
  body,
  FONT,
  figure,
  heading,
  INDENT_2,
  LINE,
  MARGIN,
  masthead,
  PAGE,
  run,
  SIZE,
  table,
  title,
} from './docx-layout';

const LIGHT_TEXT: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** Decimals printed in an already rounded figure ('16.70' → 2). */
function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function overview(
  model: BriefingModel,
  charts: BriefingCharts,
  figureNo: { n: number },
): Array<Paragraph | Table> {
  const d = model.displayDecimals;
  const out: Array<Paragraph | Table> = [heading('一、总体情况', 1), body(model.summary)];
  // the root's own part (县本级) follows it in the units when the plan gives it one
  const rootOwn = model.units.find((u) => u.isOwn === true && u.depth === 1);
  if (model.headlines.length > 0) {
    out.push(
      body(`主要指标完成情况如下表（序时进度${formatPercent(model.expected, d)}）：`, { keepNext: true }),
      table(
        ['指标', '单位', '年度目标', '累计完成', '完成率', '超欠序时（百分点）', '亮灯'],
        [24, 8, 14, 14, 13, 17, 10],
        model.headlines.flatMap((h) => {
          const row = [
            h.name,
            figureUnit(h.kind, h.measure),
            h.target === null ? '—' : figureNumber(h.target, h.kind, h.measure, d),
            h.hasValue === false ? '—' : figureNumber(h.actual, h.kind, h.measure, d),
            // the published figures, rounded by the plan's rules (issue 16); older snapshots round half-up
            h.display?.completionPct != null ? `${h.display.completionPct}%` : formatPercent(h.completion, d),
            h.display?.gapPp != null
              ? gapPointsText(h.display.gapPp, decimalsOf(h.display.gapPp))
              : gapPointsText(h.gapPp, d),
            h.light ? LIGHT_TEXT[h.light]! : '—',
          ];
          // 其中：县本级 — the county's own part when it reports its own figures (issue 14 point 11)
          const own = rootOwn?.cells.get(h.indicatorId);
          if (!own) return [row];
          return [
            row,
            [
              `\u3000其中：${rootOwn!.unitName}`,
              figureUnit(h.kind, h.measure),
              own.target === null ? '—' : figureNumber(own.target, h.kind, h.measure, d),
              figureNumber(own.actual, h.kind, h.measure, d),
              own.display?.completionPct != null ? `${own.display.completionPct}%` : '—',
              own.display?.gapPp != null ? gapPointsText(own.display.gapPp, decimalsOf(own.display.gapPp)) : '—',
              own.light ? LIGHT_TEXT[own.light]! : '—',
            ],
          ];
        }),
        { leftColumns: [0] },
      ),
    );
    if (model.ruleNotes && model.ruleNotes.length > 0) out.push(body(`注：${model.ruleNotes.join('；')}。`));
  }
  if (model.trend && charts.trend) {
    const unit = figureUnit(model.trend.kind, model.trend.series.measure);
    out.push(
      ...figure(
        charts.trend,
        `图${figureNo.n++}  ${periodLabel(model.monthNo)}全${model.scopeWord}${model.trend.series.name}累计完成情况（${unit}）`,
      ),
    );
  }
  return out;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function groupsSection(
  model: BriefingModel,
  charts: BriefingCharts,
  figureNo: { n: number },
): Array<Paragraph | Table> {
  const d = model.displayDecimals;
  const { ranking } = model;
  const out: Array<Paragraph | Table> = [heading('二、分类排名', 1)];
  if (ranking.groups.length === 0) {
    out.push(body('本年度考核办法未设考核分组，各单位不参加排名。'));
    return out;
  }
  const before = ranking.previousMonth ? `${Number(ranking.previousMonth.slice(5))}月` : null;
  const movementNote =
    before === null
      ? '1月为年度首月，不比较名次变化'
      : ranking.isPreviousFrozen
        ? `“较上月”为与${before}排名相比的名次变化，“新”为上月未参加本组排名`
        : `${before}尚未关账，不比较名次变化`;
  out.push(
    body(
      `按照考核办法，对各单位${periodLabel(model.monthNo)}目标任务完成情况分组综合评分排名（${movementNote}）。`,
    ),
  );
  ranking.groups.forEach((group, i) => {
    const rows = ranking.rows.filter((r) => r.group === group.code);
    const riser = rows
      .filter((r) => r.movement.kind === 'up')
      .sort((a, b) => b.movement.places - a.movement.places)[0];
    // the lead names units from the same rows and lists as the tables (briefing-lists.ts): never a 黑榜 unit
    const text =
      groupLeadText(group, rows, d) +
      `${riser ? `；名次上升最多的是${riser.unitName}（上升${riser.movement.places}位）` : ''}。`;
    // a big group shows its first and last units; the attachment's 分类排名 has every one of them
    const { head, tail, omitted } = groupExcerpt(rows);
    const line = (r: (typeof rows)[number]) => [
      String(r.rank),
      r.unitName,
      scoreText(r.total, d),
      movementText(r.movement),
    ];
    const shown =
      omitted > 0
        ? [...head.map(line), ['……', `（略去${omitted}个单位）`, '', ''], ...tail.map(line)]
        : head.map(line);
    const note =
      omitted > 0
        ? `因参加排名的单位较多，下表和下图仅列出${excerptWords()}，各单位的名次和得分见附件“分类排名”表。`
        : '';
    out.push(
      heading(`（${CHINESE_ORDINALS[i] ?? i + 1}）${group.name}`, 2),
      body(text + note, { keepNext: true }),
      table(
        ['名次', '单位', '得分', '较上月'],
        [14, 50, 18, 18],
        shown,
        // a group longer than a page is split (its header row repeats)
        { leftColumns: [1], keepTogether: shown.length <= 15 },
      ),
    );
    const image = charts.groups.get(group.code);
    if (image) {
      const caption = `图${figureNo.n++}  ${group.name}综合得分`;
      out.push(
        ...figure(
          image,
          omitted > 0 ? `${caption}（${excerptWords()}，本组共${group.unitCount}个单位）` : caption,
        ),
      );
    }
  });
  return out;
}

function listsSection(model: BriefingModel): Array<Paragraph | Table> {
  const d = model.displayDecimals;
  const { ranking } = model;
  const out: Array<Paragraph | Table> = [heading('三、红黑榜', 1)];
  // the plan's boards and awards, each with its rule in words (briefing-boards.ts)
  const boards = boardBlocks(ranking, d).flatMap((b) => [
    heading(b.heading, 2),
    ...b.paragraphs.map((p) => body(p)),
  ]);
  if (ranking.listSize === null || ranking.groups.length === 0) {
    if (boards.length === 0) out.push(body('本年度考核办法未设红黑榜。'));
    return [...out, ...boards];
  }
  const rule = listsRuleText(ranking);
  out.push(
    ...rule.map((p, i) => body(p, { keepNext: i === rule.length - 1 })),
    table(
      ['考核分组', '红榜', '黑榜'],
      [20, 40, 40],
      ranking.groups.map((g) => [g.name, listLines(g.red, d), listLines(g.black, d)]),
      { leftColumns: [1, 2] },
    ),
  );
  return [...out, ...boards];
}

/** 四、产业链招商情况 (when the plan carries it): a paragraph per chain. */
function chainsSection(model: BriefingModel, ordinal: string): Paragraph[] {
  return [heading(`${ordinal}、产业链招商情况`, 1), ...chainParagraphs(model.chains ?? [], model.monthNo).map((p) => body(p))];
}

function issuesSection(model: BriefingModel, ordinal: string): Paragraph[] {
  const monthWord = `${model.monthNo}月份`;
  const out: Paragraph[] = [heading(`${ordinal}、需要关注的问题`, 1), heading('（一）主要指标亮红灯的单位', 2)];
  const red = model.headlines.filter((h) => h.redUnits.length > 0);
  if (red.length === 0) out.push(body('各项主要指标均无单位亮红灯。'));
  else {
    out.push(
      body(
        `以下单位${periodLabel(model.monthNo)}主要指标完成率低于序时进度${new Dec(model.yellowBand).toFixed()}个百分点以上，亮红灯：`,
      ),
    );
  }
  for (const h of red) {
    out.push(
      body([
        run(`${h.name}（${h.redUnits.length}个）：`, FONT.body, SIZE.body, { bold: true }),
        run(`${namesListText(h.redUnits, '指标完成情况')}。`),
      ]),
    );
  }
  const late = model.reports.filter((r) => r.isLate && (r.status === 'submitted' || r.status === 'approved'));
  const missing = model.reports.filter((r) => r.status !== 'submitted' && r.status !== 'approved');
  out.push(
    heading('（二）月报报送情况', 2),
    body(
      `逾期报送${monthWord}月报的单位：${namesListText(
        late.map((r) => r.unitName),
        '月报报送情况',
      )}。`,
    ),
    body(
      `截至${chineseDate(model.issueDate)}，未报送${monthWord}月报的单位：${namesListText(
        missing.map((r) => r.unitName),
        '月报报送情况',
      )}。`,
    ),
  );
  if (late.length === 0 && missing.length === 0) out.push(body(`各单位均按时报送${monthWord}月报。`));
  return out;
}

/** （三）项目认定情况: where the plan counts only verified events (issue 15); the 不予认定 list is 附件2. */
function verificationSection(model: BriefingModel): Paragraph[] {
  const v = model.verification;
  if (!v) return [];
  const out = [heading('（三）项目认定情况', 2), body(verificationLead(v))];
  for (const sentence of verificationSentences(v)) out.push(body(sentence));
  out.push(
    body(
      v.rejected.length > 0
        ? `不予认定的${v.rejected.length}项事项及原因见附件2。`
        : '本年度截至本月末无不予认定的事项。',
    ),
  );
  return out;
}

/** 附件2：不予认定项目清单 (what counties publish), after the signature. */
function rejectionAnnex(model: BriefingModel): Array<Paragraph | Table> {
  const v = model.verification;
  if (!v || v.rejected.length === 0) return [];
  return [
    new Paragraph({ children: [], pageBreakBefore: true }),
    body('附件2', { indent: false }),
    title('不予认定项目清单'),
    table(REJECTION_HEADERS, [12, 14, 22, 8, 12, 10, 12, 20], rejectionRows(v), {
      leftColumns: [2, 7],
      keepTogether: false,
    }),
  ];
}

function closing(model: BriefingModel, ordinal: string): Paragraph[] {
  const right = (text: string, indentRight: number) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      indent: { right: indentRight },
    });
  return [
    heading(`${ordinal}、下步工作要求`, 1),
    ...requirementsParagraphs(model.issuer, model.scopeWord).map((p) => body(p)),
    blank(),
    ...(model.verification && model.verification.rejected.length > 0
      ? [
          body(`附件：1. ${model.monthNo}月份全${model.scopeWord}招商引资目标任务完成情况统计表`),
          body('2. 不予认定项目清单'),
        ]
      : [body(`附件：${model.monthNo}月份全${model.scopeWord}招商引资目标任务完成情况统计表`)]),
    blank(),
    blank(),
    // 署名 centred over the date, the date four characters from the right margin
    right(model.issuer, INDENT_2),
    right(chineseDate(model.issueDate), INDENT_2 * 2),
  ];
}

/** The 通报 as a .docx in 公文 style: 版头, title, 主送, five sections, appendix note, signature and page numbers. */
export async function buildBriefingDocx(model: BriefingModel, charts: BriefingCharts): Promise<Buffer> {
  const figureNo = { n: 1 };
  // the 产业链 section, when the plan carries it, comes fourth and moves the last two on
  const hasChains = (model.chains?.length ?? 0) > 0;
  const children: Array<Paragraph | Table> = [
    ...masthead(model.issuer, model.docNumber),
    title(model.title),
    body('各有关单位：', { indent: false }),
    body(
      `为及时掌握全${model.scopeWord}招商引资目标任务推进情况，根据《${model.planName}》考核办法，现将${periodLabel(model.monthNo)}全${model.scopeWord}招商引资目标任务完成情况通报如下：`,
    ),
    ...overview(model, charts, figureNo),
    ...groupsSection(model, charts, figureNo),
    ...listsSection(model),
    ...(hasChains ? chainsSection(model, '四') : []),
    ...issuesSection(model, hasChains ? '五' : '四'),
    ...verificationSection(model),
    ...closing(model, hasChains ? '六' : '五'),
    ...rejectionAnnex(model),
  ];
  const document = new Document({
    creator: model.issuer,
    title: model.title,
    description: `${model.planName} ${model.month}（快照 ${model.snapshotComputedAt}）`,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body },
            size: SIZE.body,
            language: { value: 'zh-CN', eastAsia: 'zh-CN' },
          },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: 851, footer: 992 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: { ascii: FONT.song, eastAsia: FONT.song, hAnsi: FONT.song },
                    size: SIZE.footer,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
