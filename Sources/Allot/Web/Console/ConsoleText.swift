/// The sentences the console shares between pages, in Chinese and English (one-off sentences sit in
/// their page, given in both languages with `ConsoleRequest.say`).
enum ConsoleText {
    static func t(_ zh: String, _ en: String) -> Labels { Labels(zh: zh, en: en) }

    static let siteName = t("抽签活动工作台", "Allot staff console")
    static let navLabel = t("工作台导航", "Console navigation")
    static let navEvents = t("活动", "Events")
    static let navReports = t("报告", "Reports")
    static let navAudit = t("审计日志", "Audit log")
    static let navTokens = t("令牌", "Tokens")
    static let logout = t("退出", "Sign out")
    static let backToConsole = t("回到工作台", "Back to the console")

    static let signInTitle = t("请先登录", "Please sign in")
    static let signInFirst = t("登录已过期或尚未登录，请重新登录。", "Your session has ended or you are not signed in: please sign in again.")
    static let tokenMissing = t("请粘贴您的令牌。", "Please paste your token.")
    static let tokenUnknown = t("这个令牌无效或已被吊销。", "This token is not valid or has been revoked.")
    static let signedOutTitle = t("已退出登录", "Signed out")
    static let signedOutText = t("您已退出工作台。", "You have signed out of the console.")
    static let forbiddenTitle = t("无权访问", "Not allowed")
    static let forbiddenText = t(
        "您的角色不能打开这个页面。评估人员只能查看报告和公开记录。",
        "Your role cannot open this page. Evaluators see reports and public records only.")
    static let refusedTitle = t("表单已失效", "This form was refused")
    static let refusedText = t(
        "这个表单已过期，或不是从本站提交的。请重新打开页面再提交。",
        "This form has expired or was not sent from this site. Open the page again and resend it.")
    static let notDoneTitle = t("未能完成", "Not done")
    static let refusedPrefix = t("系统拒绝了这个操作：", "")
    static let failedText = t("服务器出错，没有保存任何内容。请稍后再试。", "The server failed; nothing was saved. Please try again later.")
    static let prepareRunning = t("这个活动的抽签正在准备中。", "A draw of this event is being prepared already.")
    static let noSuchToken = t("没有这个令牌。", "There is no such token.")

    static let required = t("必须填写。", "This is required.")
    static let numberRequired = t("请填写一个非负整数。", "Please enter a whole number (0 or more).")
    static let chooseKind = t("请选择活动类型。", "Please choose the kind of event.")
    static let chooseRole = t("请选择角色。", "Please choose a role.")
    static let chooseStatus = t("请选择处理状态。", "Please choose a status.")
    static func range(seats: Int) -> Labels {
        t("需要 0 ≤ 最少 ≤ 最多 ≤ \(seats)。", "Needs 0 ≤ min ≤ max ≤ \(seats).")
    }
    static func jointLine(_ line: Int) -> Labels {
        t("第 \(line) 行看不懂；格式：属性=取值 属性=取值 最少-最多。", "Line \(line) cannot be read; write attribute=value attribute=value min-max.")
    }

    static func roleName(_ role: Role) -> Labels {
        switch role {
        case .admin: t("管理员", "Admin")
        case .organizer: t("组织者", "Organizer")
        case .evaluator: t("评估人员", "Evaluator")
        case .citizen: t("市民", "Citizen")
        }
    }

    static func status(_ status: EventStatus) -> Labels {
        switch status {
        case .draft: t("草稿", "Draft")
        case .prepared: t("抽签已准备", "Draw prepared")
        case .drawn: t("已抽签", "Drawn")
        case .closed: t("已结束", "Closed")
        case .cancelled: t("已取消", "Cancelled")
        }
    }

    static func kind(_ kind: EventKind) -> Labels {
        switch kind {
        case .openDay: t("开放日", "Open day")
        case .hearing: t("听证会", "Hearing")
        case .consultation: t("征求意见", "Consultation")
        case .meeting: t("议事会", "Meeting")
        case .other: t("其他", "Other")
        }
    }

    static func origin(_ origin: QuotaOrigin) -> Labels {
        switch origin {
        case .derived: t("按人口占比", "Census share")
        case .explicit: t("手动设定", "Set by hand")
        case .unconstrained: t("不限制", "Unconstrained")
        case .missing: t("缺少数据", "No figure")
        }
    }

    static func state(_ state: InvitationState) -> Labels {
        switch state {
        case .invited: t("已邀请", "Invited")
        case .accepted: t("已接受", "Accepted")
        case .declined: t("已谢绝", "Declined")
        case .expired: t("已过期", "Expired")
        case .cancelled: t("已取消", "Cancelled")
        case .attended: t("已签到", "Checked in")
        case .noShow: t("未到场", "No-show")
        }
    }

    static func source(_ source: InvitationSource) -> Labels {
        switch source {
        case .panel: t("抽中", "Drawn")
        case .replacement: t("候补补位", "Reserve")
        case .topUp: t("追加抽签", "Top-up")
        }
    }
}
