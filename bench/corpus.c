/*
 * Chinese text of the kind a duty officer writes: who reported what about
 * which system, what was done, what comes next.  Composed from fragments so
 * that notes vary in length and wording like real ones (about 20 to 200
 * characters), and so that the database holds multi-byte text throughout.
 */
#include "config.h"

#include "bench/bench.h"
#include "util/strbuf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const operators[] = {
	"王磊", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄涛", "周强", "吴丽",
	"徐鹏", "孙婷", "马超", "朱琳", "胡军", "郭芳", "何勇", "高翔", "林雪", "罗斌",
	"郑凯", "梁爽", "谢华", "宋佳", "唐亮", "韩梅", "冯刚", "董燕", "萧然", "程远",
};

static const char *const units[] = {
	"市政务服务中心", "市人社局信息中心", "电子政务外网运维组", "市大数据中心", "市教育局",
	"潞城供电公司调度中心", "市卫计局信息科", "移动潞城公司", "联通潞城公司", "电信潞城公司",
	"市公安局网安大队", "市财政局", "市交通局", "市新闻中心", "潞城银监办", "某街道办事处",
	"市医保中心", "市不动产登记中心", "市住建局", "市市场监管局",
};

static const char *const systems[] = {
	"门户网站", "社保经办系统", "电子政务外网", "邮件系统", "视频会议系统", "协同办公系统",
	"核心数据库服务器", "核心交换机", "出口防火墙", "DNS服务器", "统一身份认证平台",
	"网上办事大厅", "医保结算系统", "不动产登记系统", "政务云平台", "机房UPS电源",
	"VPN网关", "数据共享交换平台", "一卡通系统", "内网终端",
};

static const char *const symptoms[] = {
	"首页被篡改", "访问缓慢", "出现大量异常登录", "遭受DDoS攻击", "发现勒索病毒",
	"数据疑似泄露", "服务中断", "CPU占用率持续偏高", "出现可疑外联", "证书过期",
	"被植入挖矿程序", "出现SQL注入告警", "存在弱口令被利用", "日志被清除", "流量异常突增",
	"无法正常登录", "页面出现违法有害信息", "备份任务失败",
};

static const char *const actions[] = {
	"已隔离受影响主机", "已切换至备用线路", "已通知厂商工程师到场", "已封禁可疑IP地址",
	"正在排查系统日志", "已恢复页面并完成加固", "已提取样本送检", "已向市指挥部办公室电话报告",
	"已保留现场证据", "已下线受影响服务", "已重置相关账号口令", "已完成全量数据备份",
	"已协调运营商进行流量清洗", "已启动本单位应急预案", "已组织技术处置组会商",
	"已核实影响范围", "已更新防病毒特征库", "已关闭高危端口",
};

static const char *const progress[] = {
	"目前业务已基本恢复", "事态暂未扩大", "仍在持续监测", "预计两小时内恢复",
	"影响范围正在核实", "尚未发现数据外泄迹象", "已形成初步分析报告", "待专家组进一步研判",
	"群众办事暂未受到明显影响", "已安排专人二十四小时值守",
};

static const char *const sources[] = {
	"值班电话", "监测平台告警", "上级通报", "群众举报", "运维巡检", "厂商通知", "安全公司预警",
};

static const char *
pick(struct rng *r, const char *const *v, size_t n)
{
	return v[rng_range(r, 0, (int64_t)n - 1)];
}

const char *
corpus_operator(struct rng *r)
{
	return pick(r, operators, N(operators));
}

const char *
corpus_person(struct rng *r)
{
	return pick(r, operators, N(operators));
}

void
corpus_title(struct rng *r, struct strbuf *out)
{
	sb_printf(out, "%s%s%s", pick(r, units, N(units)), pick(r, systems, N(systems)),
		  pick(r, symptoms, N(symptoms)));
}

void
corpus_sentence(struct rng *r, struct strbuf *out)
{
	sb_printf(out, "%s，%s。", pick(r, actions, N(actions)), pick(r, progress, N(progress)));
}

static void
one_sentence(struct rng *r, struct strbuf *out)
{
	switch (rng_range(r, 0, 5)) {
	case 0:
		sb_printf(out, "接%s报告，%s%s，%s。", pick(r, sources, N(sources)),
			  pick(r, systems, N(systems)), pick(r, symptoms, N(symptoms)),
			  pick(r, actions, N(actions)));
		break;
	case 1:
		sb_printf(out, "%s反映%s%s。", pick(r, units, N(units)), pick(r, systems, N(systems)),
			  pick(r, symptoms, N(symptoms)));
		break;
	case 2:
		sb_printf(out, "技术处置组：%s，%s。", pick(r, actions, N(actions)),
			  pick(r, progress, N(progress)));
		break;
	case 3:
		sb_printf(out, "%s运行情况已持续监测%d小时，%s。", pick(r, systems, N(systems)),
			  (int)rng_range(r, 1, 48), pick(r, progress, N(progress)));
		break;
	case 4:
		sb_printf(out, "与%s电话沟通，%s。", pick(r, units, N(units)),
			  pick(r, progress, N(progress)));
		break;
	default:
		sb_printf(out, "%s。", pick(r, actions, N(actions)));
		break;
	}
}

void
corpus_note(struct rng *r, struct strbuf *out)
{
	int n = rng_chance(r, 0.55) ? 1 : rng_chance(r, 0.7) ? 2 : 3;

	for (int i = 0; i < n; i++)
		one_sentence(r, out);
}
