/// Every sentence the citizen pages show, in Chinese and English. Attribute names and values come
/// from the configured schema instead.
enum WebText {
    static func t(_ zh: String, _ en: String) -> Labels { Labels(zh: zh, en: en) }

    // MARK: Layout
    static let siteName = t("市民抽签登记", "Citizen lottery registry")
    static let switchLanguage = t("English", "中文")
    static let skipToContent = t("跳到正文", "Skip to content")
    static let home = t("首页", "Home")
    static let footer = t(
        "本站不使用跟踪工具，不需要 JavaScript。",
        "This site uses no tracking and needs no JavaScript.")

    // MARK: Home
    static let homeTitle = t("参与城市议事：市民抽签登记", "Take part in your city: the citizen lottery registry")
    static let homeIntro = t(
        "这是本市的志愿者登记册。登记后，您可能被随机抽中，受邀参加市民议事会、听证会等活动，和其他被抽中的市民一起讨论本市的问题并提出建议。",
        "This is the city's register of volunteers. Once enrolled, you may be chosen by lot and invited to a citizens' assembly, a hearing or a similar event, where you discuss city questions with other chosen citizens and make recommendations.")
    static let howTitle = t("怎样选人", "How people are chosen")
    static let howRandom = t(
        "随机：每次活动都从登记册中抽签决定人选，任何人（包括组织者）都不能指定谁入选。",
        "Random: for every event the participants are drawn by lot from the register; nobody, organizers included, can pick who is chosen.")
    static let howBalanced = t(
        "均衡：抽签让参加者在性别、年龄、居住区、职业、文化程度和收入上与全市人口大致相当，同时让每位登记者的入选机会尽量相同。",
        "Balanced: the draw makes the group resemble the city's population by gender, age, district, occupation, education and income, while giving every volunteer as equal a chance as possible.")
    static let howFresh = t(
        "新面孔：最近一年内参加过活动的人，一年内不会再被邀请，让更多人有机会参与。",
        "Fresh faces: people who took part in an event recently are not invited again for a year, so that more people get a turn.")
    static let howOpen = t(
        "公开可查：每次抽签的依据和结果都会公开（只用随机编号，不公开姓名），任何人都能核对。",
        "Open to checking: the basis and result of every draw are published (by pseudonymous number, never by name), so anyone can check it.")
    static let homeEnroll = t("立即登记", "Enroll now")
    static let homeHaveLink = t(
        "已经登记？打开登记成功时得到的个人链接，就能查看或修改您的记录，或退出登记。",
        "Already enrolled? Open the personal link you got when you enrolled to see or change your record, or to withdraw.")

    // MARK: Enrollment form
    static let enrollTitle = t("登记成为志愿者", "Enroll as a volunteer")
    static let enrollIntro = t(
        "所有项目都要填写，电子邮箱除外。填写大约需要两分钟。",
        "Every field is required except e-mail. It takes about two minutes.")
    static let contactLegend = t("联系方式", "How to reach you")
    static let aboutLegend = t("关于您", "About you")
    static let name = t("姓名", "Name")
    static let phone = t("手机号", "Mobile phone")
    static let phoneHint = t("中国大陆手机号，11 位", "Mainland China mobile number, 11 digits")
    static let email = t("电子邮箱（选填）", "E-mail (optional)")
    static let emailShown = t("电子邮箱", "E-mail")
    static let birthYear = t("出生年份", "Year of birth")
    static let birthYearHint = t("四位数字，例如 1985", "Four digits, e.g. 1985")
    static let choose = t("请选择", "Please choose")
    static let consentLegend = t("同意书", "Consent")
    static let consentStored = t(
        "我们保存什么：您的姓名、手机号、电子邮箱（如填写）、出生年份，以及上面选择的各项信息。",
        "What we store: your name, mobile number, e-mail (if given), year of birth and the answers you chose above.")
    static let consentWho = t(
        "谁能看到：只有本市活动的组织者能看到您的联系方式，仅用于发送邀请。公开的抽签结果只显示随机编号，不显示姓名和联系方式。",
        "Who sees it: only the city's event organizers see your contact details, and only to send invitations. Published draw results show a pseudonymous number, never your name or contact details.")
    static let consentWithdraw = t(
        "如何退出：用登记成功后得到的个人链接，随时可以退出。退出后您的联系方式立即删除；不含姓名的编号记录会保留，用于核对以往的抽签。",
        "How to withdraw: at any time, through the personal link you get after enrolling. Your contact details are then erased at once; only the pseudonymous record stays, so past draws can still be checked.")
    static let consentBox = t("我已阅读以上说明，同意登记。", "I have read the above and agree to be enrolled.")
    static let enrollButton = t("登记", "Enroll")
    static func problemCount(_ count: Int) -> Labels {
        t("请更正下面标出的 \(count) 处问题。", count == 1 ? "Please correct the problem marked below." : "Please correct the \(count) problems marked below.")
    }
    static let errorPrefix = t("错误：", "Error: ")

    // MARK: Enrollment done
    static let enrolledTitle = t("登记成功", "You are enrolled")
    static let keepLink = t("请保存您的个人链接", "Keep your personal link")
    static let enrolledLinkIntro = t(
        "这是您的个人链接。它只显示这一次，请现在就收藏或复制保存：",
        "This is your personal link. It is shown only this once: bookmark it or copy it somewhere safe now.")
    static let enrolledLinkUse = t(
        "凭这个链接可以查看、修改您的记录，或退出登记。请不要把它告诉别人。",
        "With it you can see or change your record, or withdraw. Do not share it.")
    static let yourNumber = t("您的随机编号", "Your pseudonymous number")

    // MARK: My record
    static let meTitle = t("我的登记记录", "My record")
    static let status = t("状态", "Status")
    static let statusActive = t("已登记，可能被抽中", "Enrolled; may be chosen")
    static let enrolledAt = t("登记时间", "Enrolled on")
    static let ageBand = t("年龄段", "Age group")
    static let updateTitle = t("修改信息", "Change your details")
    static let saveButton = t("保存修改", "Save changes")
    static let saved = t("已保存。", "Saved.")
    static let nothingChanged = t("没有需要保存的修改。", "There was nothing to change.")
    static let withdrawTitle = t("退出登记", "Withdraw")
    static let withdrawIntro = t(
        "不想再被邀请？可以随时退出，您的联系方式会被删除。",
        "No longer want to be invited? You can withdraw at any time; your contact details will be erased.")
    static let withdrawLink = t("我要退出…", "Withdraw…")
    static let confirmTitle = t("确定要退出登记吗？", "Do you really want to withdraw?")
    static let confirmText = t(
        "退出后，您的姓名、手机号和电子邮箱将被删除，您不会再收到邀请，这个个人链接也会失效。此操作无法撤销；以后想参加需要重新登记。",
        "Your name, mobile number and e-mail will be erased, you will get no more invitations and this personal link will stop working. This cannot be undone; to take part later you would enroll again.")
    static let confirmButton = t("确认退出", "Yes, withdraw")
    static let cancelLink = t("返回，不退出", "Go back, stay enrolled")
    static let withdrawnTitle = t("您已退出登记", "You have withdrawn")
    static let withdrawnText = t(
        "您的联系方式（姓名、手机号、电子邮箱）已经删除，个人链接已经失效，您不会再收到邀请。只保留不含姓名的编号记录，用于核对以往的抽签。",
        "Your contact details (name, mobile number, e-mail) have been erased, your personal link no longer works and you will get no more invitations. Only the pseudonymous record is kept, so past draws can still be checked.")

    // MARK: Errors
    static let notFoundTitle = t("找不到这个页面", "Page not found")
    static let notFoundText = t(
        "链接可能抄错了，或者已经失效（例如已经退出登记）。",
        "The link may be mistyped, or no longer valid (for example after withdrawing).")
    static let badFormTitle = t("无法读取表单", "The form could not be read")
    static let badFormText = t(
        "提交的内容编码有误或不完整，没有保存任何信息。请重新打开页面再填写。",
        "What was sent is wrongly encoded or incomplete; nothing was stored. Please open the page again and fill it in.")
    static let refusedTitle = t("表单已失效", "This form has expired")
    static let refusedText = t(
        "这个表单已过期，或不是从本站提交的，没有保存任何信息。请重新打开页面再提交。",
        "This form has expired or was not sent from this site; nothing was stored. Please open the page again and resubmit.")
    static let replayedTitle = t("表单已经提交过", "This form was already sent")
    static let replayedText = t(
        "同一份表单只能提交一次，这次没有重复保存。请重新打开页面查看结果。",
        "Each form can be sent only once; nothing was stored again. Please open the page again to see where things stand.")
    static let tooManyTitle = t("提交过于频繁", "Too many requests")
    static func tooManyText(_ seconds: Int) -> Labels {
        t("为防止滥用，请 \(seconds) 秒后再试，没有保存任何信息。", "To prevent abuse, please try again in \(seconds) s; nothing was stored.")
    }
    static let failedTitle = t("出错了", "Something went wrong")
    static let failedText = t(
        "服务器暂时出错，没有保存任何信息。请稍后再试。",
        "The server ran into a problem; nothing was stored. Please try again later.")
    static let backHome = t("回到首页", "Back to the home page")
    static let openForm = t("重新打开登记表", "Open the enrollment form again")

    // MARK: Field errors
    static let nameRequired = t("请填写姓名。", "Please enter your name.")
    static let nameInvalid = t(
        "姓名最多 100 个字，只能一行，不能有控制字符。", "A name is one line of at most 100 characters, without control characters.")
    static let phoneInvalid = t(
        "请填写中国大陆手机号：11 位数字，以 13 至 19 开头。", "Please enter a mainland China mobile number: 11 digits starting 13 to 19.")
    static let phoneTaken = t("这个手机号已经登记过了。", "This mobile number is already enrolled.")
    static let emailInvalid = t("电子邮箱格式不正确，例如 name@example.cn。", "This is not an e-mail address (like name@example.cn).")
    static let birthYearInvalid = t("请填写四位数的出生年份。", "Please enter your year of birth as four digits.")
    static func tooYoung(_ minimum: Int) -> Labels {
        t("年满 \(minimum) 周岁才能登记。", "You must be at least \(minimum) to enroll.")
    }
    static let chooseOne = t("请选择一项。", "Please choose one.")
    static let consentRequired = t("需要您勾选同意才能登记。", "Please tick the box to give your consent.")
    static func tooLong(_ limit: Int) -> Labels {
        t("内容太长，最多 \(limit) 个字符。", "Too long: at most \(limit) characters.")
    }
}
