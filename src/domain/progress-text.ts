// Whether a status text says anything about progress. A unit's 进展 is a statement of what was
// done or is under way (已完成测试工作, 正在招标, 预计6月上线); a line such as
// 数字惠民工程那个事情处理一下 is a request to someone, and storing it would overwrite a real
// status with noise. Pure: the bot decides what to do with the answer.

/** Words that state a step, a state or a plan; a figure (3 个, 80%) counts too. */
const PROGRESS =
  /已|完成|正在|开展|启动|推进|建成|建设|验收|上线|运行|投入|投用|使用|招标|采购|签订|签约|开工|竣工|部署|调试|测试|试点|印发|出台|制定|召开|培训|开通|覆盖|实现|落地|交付|安装|改造|办理|受理|发放|接入|对接|审批|批复|立项|论证|方案|阶段|计划|预计|拟|将于|争取|月底|年底|季度|\d/u;

/** undefined when the text reads as progress; otherwise why it does not. */
export function progressTextProblem(text: string): string | undefined {
  if (PROGRESS.test(text)) return undefined;
  return "这段文字没有写明进展（如“已完成……”“正在……”“预计……”）";
}
