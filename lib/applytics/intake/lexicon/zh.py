"""Simplified Chinese: campus-recruiting trackers (笔试 written test, 一面/二面 interview rounds, offer拒绝)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "company": ("公司", "公司名称", "单位", "企业", "企业名称", "用人单位"),
    "role": ("岗位", "职位", "职位名称", "岗位名称", "应聘岗位"),
    "applied_on": (
        "申请日期", "投递日期", "投递时间", "申请时间", "网申时间", "网申日期", "简历", "简历投递", "投递简历",
    ),
    "status": ("状态", "进度", "结果", "当前状态", "阶段", "申请状态"),
    "source": ("渠道", "来源", "投递渠道"),
    "location": ("地点", "城市", "工作地点"),
    "resume_version": ("简历版本",),
    "referral": ("内推", "推荐"),
    "salary": ("薪资", "薪水", "工资", "待遇"),
    "notes": ("备注", "笔记"),
    "response_on": ("回复日期", "回复时间"),
    "contact": ("联系人", "邮箱"),
    "url": ("链接", "网址"),
    "last_activity_on": ("最后联系", "最近联系", "更新时间",),
}  # fmt: skip

STATUS: dict[str, tuple[str, ...]] = {
    "not_application": (r"收藏", r"待投递", r"未投递", r"想投"),
    "declined_offer": (r"offer ?拒绝", r"拒(绝|了)? ?offer", r"放弃 ?offer", r"婉拒"),
    "accepted": (r"已签", r"签约", r"接受 ?offer", r"已入职", r"三方"),
    "withdrawn": (r"不去了", r"放弃", r"弃面"),
    "ghosted": (r"没消息", r"无消息", r"无回复", r"没回复", r"未回复", r"石沉大海", r"没有回音", r"无音讯"),
    "closed": (r"岗位关闭", r"停招"),
    "rejected": (
        r"被拒", r"未通过", r"没过", r"没通过", r"感谢信", r"淘汰", r"挂了", r"^挂$", r"凉", r"拒绝", r"不合适",
    ),
    "offer": (r"意向书", r"录用", r"\boc\b"),
    "interview": (r"面试", r"[一二三四五六终初复群]面", r"hr ?面", r"线下面", r"线上面", r"视频面"),
    "assessment": (r"笔试", r"测评", r"在线测试", r"机考"),
    "applied": (r"已投递", r"投递", r"网申", r"已申请", r"简历筛选", r"待处理", r"等待", r"审核中", r"处理中"),
}  # fmt: skip

STAGE_HEADERS: dict[str, tuple[str, ...]] = {
    "declined": (r"拒绝offer", r"offer拒绝"),
    "ghosted": (r"没消息",),
    "withdrawn": (r"放弃",),
    "rejected": (r"被拒", r"拒绝", r"挂"),
    "in_progress": (r"进行中",),
    "offer": (r"意向", r"录用"),
    "interview": (r"面试", r"[一二三四五六终初复群]面", r"hr ?面"),
    "screen": (r"笔试", r"测评", r"机考"),
    "replied": (r"^(回复|已回复|回应|有回复|是否回复)$",),
}

REASONS: dict[str, tuple[str, ...]] = {}

YES = ("是", "有", "已", "对", "通过")
NO = ("否", "没有", "未")
NEGATION: tuple[str, ...] = ()
