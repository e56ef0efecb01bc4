// The tree chart of the 产业链 全景图/现状图 (issue 17), registered beside the common parts of ./echarts but in its
// own module, so that only the chain page's chunk carries it (the dashboard's bundle stays as STACK.md measured it).
import { TreeChart } from 'echarts/charts';
import type { TreeSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption } from 'echarts/components';
import { use } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';

import './echarts';

use([TreeChart]);

/** An option drawing a tree with a tooltip. */
export type ECTreeOption = ComposeOption<TreeSeriesOption | TooltipComponentOption>;
