import {
  AlignmentType,
  BorderStyle,
  ImageRun,
  LineRuleType,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

import type { ChartImage } from './briefing-charts';

/*
 * The 公文 building blocks of the 通报 (GB/T 9704-2012 layout): page, fonts and sizes, body paragraphs, headings,
 * the title, the 版头, tables and figures. briefing-docx.ts composes the sections from them.
 */

// 公文 layout (GB/T 9704-2012): A4, margins top 3.7 / bottom 3.5 / left 2.8 / right 2.6 cm, 22 lines of 28 characters
const CM = 567;
export const PAGE = { width: 11906, height: 16838 };
export const MARGIN = {
  top: Math.round(3.7 * CM),
  bottom: Math.round(3.5 * CM),
  left: Math.round(2.8 * CM),
  right: Math.round(2.6 * CM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** 28.95 pt: 22 lines in the 22.5 cm type area. */
export const LINE = 579;
// sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt
export const SIZE = { title: 44, body: 32, footer: 28, table: 24, caption: 24, masthead: 64 };
/** Two characters of 三号: the first-line indent. */
export const INDENT_2 = 640;
export const FONT = {
  title: '方正小标宋简体',
  body: 'FangSong',
  heading: 'SimHei',
  sub: 'KaiTi',
  song: 'SimSun',
} as const;
const RED = 'D40000';
/** Images are 560 px wide (96 dpi): a little narrower than the 15.6 cm type area. */
const IMAGE_WIDTH = 560;

type FontName = (typeof FONT)[keyof typeof FONT];
const LATIN = 'Times New Roman';

export function run(
  text: string,
  font: FontName = FONT.body,
  size = SIZE.body,
  extra: { bold?: boolean; color?: string } = {},
) {
  // figures in the serif faces are set in Times New Roman, as 公文 templates do (and a viewer never breaks a number)
  const latin = font === FONT.heading || font === FONT.title ? font : LATIN;
  return new TextRun({
    text,
    font: { ascii: latin, eastAsia: font, hAnsi: latin, cs: latin },
    size,
    ...extra,
  });
}

/** A body paragraph: 仿宋 三号, justified, first line indented two characters, fixed line pitch. */
export function body(
  children: ParagraphChild[] | string,
  options: { indent?: boolean; keepNext?: boolean } = {},
): Paragraph {
  return new Paragraph({
    children: typeof children === 'string' ? [run(children)] : children,
    alignment: AlignmentType.BOTH,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    indent: options.indent === false ? undefined : { firstLine: INDENT_2 },
    keepNext: options.keepNext,
  });
}

/** 一、 headings in 黑体, （一） headings in 楷体, both 三号 and indented like the body. */
export function heading(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    children: [run(text, level === 1 ? FONT.heading : FONT.sub)],
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    indent: { firstLine: INDENT_2 },
    keepNext: true,
  });
}

export function blank(): Paragraph {
  return new Paragraph({ children: [run('')], spacing: { line: LINE, lineRule: LineRuleType.EXACT } });
}

/** The title in two balanced lines (关于…目标任务 / 完成情况的通报), 二号 小标宋, centred. */
export function title(text: string): Paragraph {
  const cut = text.indexOf('完成情况');
  const lines = cut > 0 ? [text.slice(0, cut), text.slice(cut)] : [text];
  return new Paragraph({
    children: lines.map(
      (line, i) =>
        new TextRun({
          text: line,
          break: i > 0 ? 1 : undefined,
          font: { ascii: FONT.title, eastAsia: FONT.title, hAnsi: FONT.title },
          size: SIZE.title,
        }),
    ),
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE },
  });
}

/** 版头: the issuing office in red, the 文号, and the red rule under it. */
export function masthead(issuer: string, docNumber: string): Paragraph[] {
  return [
    new Paragraph({
      children: [run(issuer, FONT.title, SIZE.masthead, { color: RED })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 480 },
    }),
    new Paragraph({
      children: [run(docNumber)],
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 120 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
    }),
    blank(),
  ];
}

function cell(
  text: string | string[],
  width: number,
  options: { header?: boolean; align?: 'left' | 'center'; keepNext?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: options.header ? { fill: 'E7ECF3' } : undefined,
    // several lines: one paragraph each
    children: (Array.isArray(text) ? text : [text]).map(
      (line) =>
        new Paragraph({
          children: [run(line, options.header ? FONT.heading : FONT.body, SIZE.table)],
          alignment: options.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
          spacing: { line: 360, lineRule: LineRuleType.AT_LEAST },
          keepNext: options.keepNext,
        }),
    ),
  });
}

/**
 * A table across the type area; widths are shares of it, the header row repeats on each page. Every row but the
 * last keeps with the next, so a short table is never split from its introduction or across a page.
 */
export function table(
  headers: string[],
  shares: number[],
  rows: Array<Array<string | string[]>>,
  options: { leftColumns?: number[]; keepTogether?: boolean } = {},
): Table {
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => Math.floor((TEXT_WIDTH * s) / total));
  const left = new Set(options.leftColumns ?? []);
  const keep = options.keepTogether ?? true;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell(h, widths[i]!, { header: true, keepNext: true })),
      }),
      ...rows.map(
        (r, n) =>
          new TableRow({
            cantSplit: true,
            children: r.map((text, i) =>
              cell(text, widths[i]!, {
                align: left.has(i) ? 'left' : 'center',
                keepNext: keep && n < rows.length - 1,
              }),
            ),
          }),
      ),
    ],
  });
}

/** A chart image centred, with its caption (图1 …) under it. */
export function figure(image: ChartImage, caption: string): Paragraph[] {
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: {
            width: IMAGE_WIDTH,
            height: Math.round((IMAGE_WIDTH * image.height) / image.width),
          },
          altText: { name: caption, description: caption, title: caption },
        }),
      ],
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
    }),
    new Paragraph({
      children: [run(caption, FONT.body, SIZE.caption)],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
}
