/**
 * Words a guesser tries first against a Chinese user's password and that zxcvbn's English-centred common list lacks:
 * placeholder names and love codes, the most common surnames, and common given-name syllables, most likely first
 * (zxcvbn ranks a word by its position). A pinyin full name (zhangwei, wangfang) is a surname and one or two
 * syllables, so it is found as a cheap combination of entries here.
 */
const PLACEHOLDERS_AND_PHRASES = [
  'zhangsan', 'lisi', 'wangwu', 'zhaoliu', 'xiaoming', 'xiaohong', 'xiaoli', 'woaini', 'aini', 'wohenni',
  'woaiwojia', 'zhongguo', 'beijing', 'shanghai', 'nihao', 'mima', 'yonghu', 'guanli', 'guanliyuan',
  'xitong', 'shenji', 'zhengfu', 'baobei', 'laopo', 'laogong', 'qinai', 'pengyou',
  'xingfu', 'kuaile', 'tiantian', 'mimi', 'aiqing', 'yongyuan', 'zhongguoren', 'shengri', 'xiaobao',
  '5201314', '1314520', '520520', '521521', '1314', '520', '888888', '666666', '168168', '518518',
];
// the hundred most common surnames, roughly by frequency
const SURNAMES = (
  'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang ' +
  'han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai jia ding wei xue ye yan du cheng su lv lu ren ' +
  'shen yao zhong cui tan liao fan jin shi qiu qin gu hou shao meng long wan duan lei qian yin yi chang qiao lai ' +
  'gong wen pang fu kong bai mao qi hao niu ou xiang ouyang shangguan situ zhuge'
).split(' ');
// syllables most used in given names
const GIVEN = (
  'wei fang na min jing qiang jun yong juan tao ming chao xiuying xia gang ping hui hua hong ling fei bin bo hao ' +
  'xin jian dan ting kai qing rui san si liu ba jiu hai lin feng yun mei lan ying zhi bing dong ning yue zhen chun ' +
  'guang de an le jia xuan zi han yu hang yi chen xi ao lei tian shuang li yang jie yan ru yao ke zhe xing ' +
  'kang jia wen bao cai sheng quan rong shan song yang'
).split(' ');

export const PINYIN_DICTIONARY: string[] = [...new Set([...PLACEHOLDERS_AND_PHRASES, ...SURNAMES, ...GIVEN])];
