/// The sentences of the public event pages (`/events`, `/events/{id}`, `/events/{id}/verify`) and
/// of the browser check, in Chinese and English.
extension WebText {
    // MARK: Event list
    static let eventsTitle = t("活动与抽签", "Events and their draws")
    static let eventsIntro = t(
        "这里列出本市的活动。每次抽签的依据在抽签前公布，结果公布后任何人都能在浏览器里核对。只显示随机编号，不显示姓名和联系方式。",
        "The city's events. The basis of every draw is published before it happens, and once it is done anyone can check it in the browser. Only pseudonymous numbers are shown, never names or contact details.")
    static let eventsNone = t("目前还没有公开的活动。", "There are no public events yet.")
    static let eventsLink = t("活动与抽签结果", "Events and draw results")
    static let eventDate = t("时间", "Date")
    static let eventPlace = t("地点", "Place")
    static let eventSeats = t("名额", "Seats")
    static let eventDepartment = t("主办单位", "Organizer")
    static let eventKind = t("类型", "Kind")
    static let eventReserves = t("替补人数（计划）", "Reserves wanted")
    static let eventDeadline = t("答复截止", "Reply by")
    static let eventDetails = t("查看详情", "Details")
    static func seatsCount(_ seats: Int) -> Labels { t("\(seats) 人", seats == 1 ? "1 person" : "\(seats) people") }

    static func kind(_ kind: EventKind) -> Labels {
        switch kind {
        case .openDay: t("开放日", "Open day")
        case .hearing: t("听证会", "Hearing")
        case .consultation: t("征求意见", "Consultation")
        case .meeting: t("会议", "Meeting")
        case .other: t("其他", "Other")
        }
    }

    static func status(_ status: EventStatus) -> Labels {
        switch status {
        case .draft: t("筹备中，尚未准备抽签", "Being planned; draw not prepared yet")
        case .prepared: t("抽签已准备，等待公开随机数", "Draw prepared; waiting for the public random number")
        case .drawn: t("已抽签", "Drawn")
        case .closed: t("已结束", "Over")
        case .cancelled: t("已取消", "Cancelled")
        }
    }

    /// "Status: …" in the page's language (the colon differs).
    static func statusLine(_ status: EventStatus) -> Labels {
        let words = self.status(status)
        return t("状态：" + words.zh, "Status: " + words.en)
    }

    /// What happens next, in plain words, for an event in `status`.
    static func next(_ status: EventStatus, beaconSource: String) -> Labels {
        let source = beaconSource.isEmpty ? t("事先公布的公开随机数", "a public random number announced in advance") :
            t(beaconSource, beaconSource)
        switch status {
        case .draft:
            return t(
                "组织者还在确定名额。准备抽签时，这里会先公布三个摘要，把报名池、抽签表和规则固定下来，然后才会知道决定结果的公开随机数。",
                "The organizers are still settling the seats. When the draw is prepared, three digests appear here first: they fix the pool, the lottery and the rules before the public random number that decides the result is known.")
        case .prepared:
            return t(
                "报名池、抽签表和规则已经由下面的摘要固定，不能再改。接下来使用「\(source.zh)」作为公开随机数：它决定抽中抽签表的哪一行、替补的顺序。公布后任何人都能核对。",
                "The pool, the lottery and the rules are fixed by the digests below and can no longer change. Next, \(source.en) is used as the public random number: it decides which lottery line is drawn and the order of the reserves. Anyone can then check the result.")
        case .drawn:
            return t(
                "抽签已完成。被抽中的人会收到邀请；有人谢绝时，按公布的替补顺序依次递补。下面可以下载完整记录，或直接在浏览器里核对。",
                "The draw is done. The people drawn are invited; when someone declines, the reserves are asked in the published order. Below you can download the full record or check it in your browser.")
        case .closed:
            return t("活动已经结束。抽签记录仍然公开，可以随时核对。", "The event is over. Its draw record stays public and can be checked at any time.")
        case .cancelled:
            return t("活动已取消。已公布的抽签信息保留在这里。", "The event was cancelled. What was published about its draw stays here.")
        }
    }

    // MARK: Event page
    static let nextTitle = t("接下来", "What happens next")
    static let commitmentTitle = t("抽签承诺（抽签前公布）", "Commitment (published before the draw)")
    static let commitmentIntro = t(
        "这三个 SHA-256 摘要在公开随机数出现之前就已公布。事后改动报名池、抽签表或规则中的任何一项，摘要都会对不上。",
        "These three SHA-256 digests were published before the public random number was known. Changing anything in the pool, the lottery or the rules afterwards makes them no longer match.")
    static let poolDigest = t("报名池摘要", "Pool digest")
    static let lotteryDigest = t("抽签表摘要", "Lottery digest")
    static let termsDigest = t("规则摘要", "Terms digest")
    static let poolSize = t("报名池人数", "People in the pool")
    static let lotterySize = t("抽签表行数", "Lottery lines")
    static let algorithm = t("算法", "Algorithm")
    static let preparedAt = t("准备时间", "Prepared at")
    static let beaconSource = t("公开随机数来源", "Source of the public random number")
    static let beaconSourceNone = t("（未注明）", "(not stated)")
    static let notPrepared = t(
        "抽签还没有准备，还没有可公布的摘要。", "The draw is not prepared yet: there are no digests to publish.")
    static let outcomeTitle = t("抽签结果", "Result of the draw")
    static let beacon = t("公开随机数", "Public random number")
    static let seed = t("种子", "Seed")
    static let panelIndex = t("抽中的抽签表行（从 0 数起）", "Lottery line drawn (counting from 0)")
    static let finalizedAt = t("抽签时间", "Drawn at")
    static let panelTitle = t("入选名单（随机编号）", "The panel (pseudonymous numbers)")
    static let reserveCount = t("替补顺序中的人数", "People in the reserve order")
    static let recordDownload = t("下载完整抽签记录（JSON）", "Download the full draw record (JSON)")
    static let verifyLink = t("在浏览器里核对这次抽签", "Check this draw in your browser")
    static let laterTitle = t("替补与建议", "Reserves and suggestions")
    static let laterText = t(
        "尚未公布：发出邀请后，这里会列出用到的替补，活动结束后会列出公开的建议和答复。",
        "Not published yet: once invitations go out, the reserves used will be listed here, and after the event the public suggestions with their replies.")
    static let backToEvents = t("返回活动列表", "Back to the events")

    // MARK: Verify page
    static let verifyTitle = t("核对抽签", "Check the draw")
    static let verifyIntro = t(
        "本页用您浏览器自带的 SHA-256（Web Crypto）重新计算这次抽签的每一步：三个摘要、种子、抽中的行、入选名单和替补顺序，并检查抽签表的每一行是否符合名额要求。计算在您的设备上进行，不依赖本站的说法。",
        "This page recomputes every step of the draw with your browser's own SHA-256 (Web Crypto): the three digests, the seed, the lottery line drawn, the panel and the reserve order, and checks every lottery line against the quotas. It runs on your device and does not take this site's word for anything.")
    static let verifyNoScript = t(
        "核对需要 JavaScript。也可以下载记录，用 allot verify 或任何能算 SHA-256 的工具按公开的规则核对。",
        "Checking needs JavaScript. You can also download the record and check it by the published rules with allot verify or any tool that computes SHA-256.")
    static let verifyNotDrawn = t(
        "这次抽签还没有完成，还没有记录可以核对。下面可以核对您手上的记录文件。",
        "This draw is not done yet, so there is no record to check. You can check a record file you have below.")
    static let checkPending = t("未检查", "not checked")
    static let checksTitle = t("检查项目", "Checks")
    static let quotaTableTitle = t("名额检查（抽签表每一行）", "Quotas (every lottery line)")
    static let quotaColumn = t("类别", "Group")
    static let quotaBounds = t("要求名额", "Seats required")
    static let quotaRange = t("抽签表各行的名额", "Seats over the lottery lines")
    static let quotaPanel = t("入选名单", "Panel")
    static let quotaStatus = t("结果", "Result")
    static let ownTitle = t("核对您自己的记录文件", "Check a record file of your own")
    static let ownIntro = t(
        "如果您下载过记录，可以在这里选择文件或粘贴内容，看它是否与公布的一致。被改动过的记录会显示为失败。",
        "If you downloaded the record, choose the file or paste its text here to see whether it matches what was published. An altered record shows as failed.")
    static let ownFile = t("记录文件（JSON）", "Record file (JSON)")
    static let ownText = t("或粘贴记录内容", "Or paste the record's text")
    static let ownButton = t("核对这份记录", "Check this record")

    /// The checks the script makes, in the order it makes them: the id it reports under, and what it checks.
    static let verifyChecks: [(id: StaticString, label: Labels)] = [
        ("protocol", t("协议是 allot-draw-v1", "The protocol is allot-draw-v1")),
        ("pool", t("报名池中每个编号只出现一次", "Every number appears once in the pool")),
        ("poolDigest", t("报名池摘要：重新计算报名池的 SHA-256", "Pool digest: the pool's SHA-256, recomputed")),
        ("lotteryDigest", t("抽签表摘要：重新计算抽签表的 SHA-256", "Lottery digest: the lottery's SHA-256, recomputed")),
        ("termsDigest", t("规则摘要：重新计算名额、人数、算法等规则的 SHA-256", "Terms digest: the SHA-256 of the quotas, panel size, algorithm and the rest, recomputed")),
        ("published", t("摘要和结果与本站为这次活动公布的一致", "Digests and result are the ones this site published for this event")),
        ("finalizedAt", t("抽签时间不早于准备时间", "The draw came after the preparation")),
        ("seed", t("种子 = SHA-256(协议名、抽签表摘要、公开随机数)", "Seed = SHA-256(protocol name, lottery digest, public random number)")),
        ("panelIndex", t("种子的随机流选出的抽签表行", "The lottery line the seed's random stream picks")),
        ("panel", t("入选名单正是这一行", "The panel is exactly that line")),
        ("reserves", t("替补顺序：用同一随机流洗牌（Fisher–Yates）", "Reserve order: shuffled with the same stream (Fisher–Yates)")),
        ("probabilities", t("每人的入选概率 = 含有此人的行数 ÷ 总行数", "Each person's chance = lines with them ÷ all lines")),
        ("quotas", t("抽签表的每一行都符合名额要求", "Every lottery line meets the quotas")),
    ]

    /// Words and patterns the script fills in (`{name}` is replaced); the key becomes `data-t-<key>`.
    static let verifyScriptTexts: [(key: StaticString, text: Labels)] = [
        ("passed", t("通过", "passed")),
        ("failed", t("失败", "failed")),
        ("pending", checkPending),
        ("running", t("正在检查…", "checking…")),
        ("skipped", t("不适用", "not applicable")),
        ("loading", t("正在下载记录…", "Downloading the record…")),
        ("checking", t("正在核对…", "Checking…")),
        ("source-site", t("本站公布的记录", "The record published on this site")),
        ("source-own", t("您提供的记录", "The record you gave")),
        ("all-passed", t("{source}：全部 {n} 项检查通过，用时 {s} 秒。", "{source}: all {n} checks passed in {s} s.")),
        ("some-failed", t("{source}：{n} 项检查失败。这份记录与公布的规则或数据不符。", "{source}: {n} checks failed. This record does not match the published rules or data.")),
        ("unreadable", t("{source}无法读取：{reason}", "{source} cannot be read: {reason}")),
        ("no-crypto", t("这个浏览器在这里不提供 Web Crypto（页面需要通过 HTTPS 打开）。", "This browser offers no Web Crypto here (the page must be opened over HTTPS).")),
        ("no-input", t("请先选择文件或粘贴记录内容。", "Choose a file or paste a record first.")),
        ("computed", t("计算得到", "computed")),
        ("recorded", t("记录中", "recorded")),
        ("differs-at", t("第 {i} 个编号不同", "differs at position {i}")),
        ("count-differs", t("人数不同：计算得到 {a}，记录中 {b}", "different length: computed {a}, recorded {b}")),
        ("duplicate", t("编号 {pid} 出现了不止一次", "number {pid} appears more than once")),
        ("line", t("第 {i} 行", "line {i}")),
        ("quota-breach", t("抽签表第 {i} 行：{q} 有 {n} 人，要求 {min}–{max}", "lottery line {i}: {q} has {n}, quota {min}–{max}")),
        ("bad-size", t("抽签表第 {i} 行有 {n} 人，应为 {k} 人", "lottery line {i} has {n} people, not {k}")),
        ("not-in-pool", t("抽签表第 {i} 行的 {pid} 不在报名池中", "lottery line {i}: {pid} is not in the pool")),
        ("twice", t("抽签表第 {i} 行有人出现两次", "lottery line {i} lists someone twice")),
        ("bad-bounds", t("{q} 的名额不是 [最少, 最多]", "the quota of {q} is not a [min, max] pair")),
        ("empty-lottery", t("抽签表是空的", "the lottery is empty")),
        ("more", t("另有 {n} 处", "and {n} more")),
        ("probability-wrong", t("{pid} 的概率记录为 {p}，按抽签表应为 {q}", "{pid} is recorded with {p}, the lottery gives {q}")),
        ("probability-extra", t("概率表里的 {pid} 不在报名池中", "{pid} has a probability but is not in the pool")),
        ("probability-summary", t("{n} 人，最低 {min}，最高 {max}", "{n} people, lowest {min}, highest {max}")),
        ("quota-summary", t("{m} 行 × {q} 项名额，全部符合", "{m} lines × {q} quotas, all met")),
        ("times", t("准备于 {p}，抽签于 {f}", "prepared {p}, drawn {f}")),
        ("bad-time", t("时间无法读取或顺序颠倒：准备于 {p}，抽签于 {f}", "unreadable or out of order: prepared {p}, drawn {f}")),
        ("pool-summary", t("{n} 人", "{n} people")),
        ("reserve-summary", t("{n} 人的顺序一致", "the order of {n} people matches")),
        ("not-published", t("本站公布的{field}是 {a}，记录中是 {b}", "this site published {field} {a}, the record has {b}")),
        ("no-commitment", t("本站还没有公布这次活动的摘要", "this site has published no digests for this event")),
        ("event-id", t("活动编号", "event number")),
        ("missing-key", t("缺少或类型错误：{key}", "missing or of the wrong type: {key}")),
        ("not-json", t("不是有效的 JSON", "not valid JSON")),
        ("fetch-failed", t("下载失败（HTTP {status}）", "download failed (HTTP {status})")),
        ("quota-met", t("符合", "met")),
        ("quota-broken", t("不符合", "not met")),
    ]
}
