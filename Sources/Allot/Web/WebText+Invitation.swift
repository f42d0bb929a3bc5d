/// The sentences of the invitation page (`/i/{token}`): the answer, the check-in code, cancelling,
/// the feedback form and the replies to suggestions, in Chinese and English.
extension WebText {
    // MARK: Invitation
    static let invitationTitle = t("活动邀请", "Your invitation")
    static let invitationIntro = t(
        "您已通过抽签被选中，受邀参加下面的活动。请在截止时间前答复，接受或谢绝都可以。",
        "You have been chosen by lot and are invited to the event below. Please answer by the deadline; accepting and declining are both fine.")
    static let invitationNoDeadline = t("没有答复期限，但请尽早答复。", "There is no deadline, but please answer soon.")
    static let acceptButton = t("接受邀请，我会参加", "Accept: I will come")
    static let declineButton = t("谢绝", "Decline")
    static let answerLegend = t("您的答复", "Your answer")
    static let declineNote = t(
        "谢绝不会有任何影响；您的名额会按规则交给一位替补。",
        "Declining has no consequences; your seat goes to a reserve under the published rules.")

    // MARK: Accepted
    static let acceptedTitle = t("您已接受邀请", "You have accepted")
    static let checkinCodeTitle = t("签到码", "Your check-in code")
    static let checkinCodeText = t(
        "活动当天在入口出示这个签到码。请保存这个链接，随时可以再查看。",
        "Show this code at the entrance on the day. Keep this link: you can look at the code again at any time.")
    static let cancelIntro = t(
        "计划有变？请尽早取消，把名额留给替补。", "Plans changed? Please cancel as early as you can, so a reserve can take your seat.")
    static let cancelPlaceLink = t("取消参加…", "Cancel my place…")
    static let cancelConfirmTitle = t("确定要取消参加吗？", "Do you really want to cancel?")
    static let cancelConfirmText = t(
        "取消后，您的名额会交给一位替补，签到码失效。此操作无法撤销。",
        "Your seat will go to a reserve and your check-in code will stop working. This cannot be undone.")
    static let cancelButton = t("确认取消", "Yes, cancel")
    static let keepPlace = t("返回，继续参加", "Go back, keep my place")

    // MARK: Other states
    static let declinedTitle = t("您已谢绝邀请", "You have declined")
    static let declinedText = t(
        "谢谢您的答复。名额已交给一位替补。您仍在登记册中，以后还可能被抽中。",
        "Thank you for answering. Your seat went to a reserve. You stay on the register and may be chosen again.")
    static let cancelledTitle = t("您已取消参加", "Your place is cancelled")
    static let cancelledText = t(
        "谢谢您告诉我们。名额已交给一位替补。您仍在登记册中，以后还可能被抽中。",
        "Thank you for letting us know. Your seat went to a reserve. You stay on the register and may be chosen again.")
    static let expiredTitle = t("邀请已过期", "This invitation has expired")
    static let expiredText = t(
        "答复期限已过，名额已交给一位替补。您仍在登记册中，以后还可能被抽中。",
        "The deadline to answer has passed and the seat went to a reserve. You stay on the register and may be chosen again.")
    static let pastDeadlineTitle = t("答复期限已过", "The deadline has passed")
    static let pastDeadlineText = t(
        "这份邀请的答复期限已过，无法再接受或谢绝。名额会交给一位替补。",
        "The deadline to answer this invitation has passed; it can no longer be accepted or declined. The seat goes to a reserve.")
    static let tooLateToCancelTitle = t("活动已经开始", "The event has started")
    static let tooLateToCancelText = t(
        "活动已经开始，不能再取消。", "The event has already started; the place can no longer be cancelled.")
    static let noShowTitle = t("感谢您的关注", "Thank you for your interest")
    static let noShowText = t(
        "记录显示您没有出席这次活动。没关系，您仍在登记册中，以后还可能被抽中。如果记录有误，请联系主办单位。",
        "Our records show you could not attend this event. That is all right: you stay on the register and may be chosen again. If this is wrong, please contact the organizer.")
    static let notNowTitle = t("暂时无法答复", "This invitation cannot be answered now")
    static let notNowText = t(
        "这份邀请的状态已经变化，页面已更新。", "The state of this invitation has changed; the page shows where it stands now.")
    static let yourState = t("您的状态", "Your status")
    static let backToInvitation = t("返回邀请", "Back to the invitation")
    static let eventPageLink = t("活动的公开页面", "The event's public page")

    // MARK: Attended and feedback
    static let attendedTitle = t("感谢您的参与", "Thank you for taking part")
    static let feedbackIntro = t(
        "请告诉我们活动办得怎么样。您的评分和意见不公开；建议会连同主办单位的答复公开，但不显示是谁提的。",
        "Please tell us how the event went. Your scores and comment are not published; suggestions are published with the organizer's replies, never with your name.")
    static let feedbackClosed = t(
        "反馈期已结束，谢谢您。下面是您提的建议和答复。", "The feedback period is over; thank you. Below are your suggestions and the replies.")
    static let feedbackSaved = t("已保存您的反馈，谢谢！反馈期内还可以修改。", "Your feedback is saved. Thank you! You can change it until the feedback period ends.")
    static let feedbackGiven = t("您已提交反馈，反馈期内可以修改。", "You have given feedback; you can change it until the feedback period ends.")
    static let scoresLegend = t("评分（1 = 很差，5 = 很好）", "Scores (1 = very poor, 5 = very good)")
    static let overall = t("总体满意度", "Overall, how satisfied are you?")
    static let information = t("会前收到的资料是否足够", "Was the information you received enough?")
    static let heard = t("您的意见是否被倾听", "Did you feel heard?")
    static func score(_ value: Int) -> Labels {
        switch value {
        case 1: t("1 很差", "1 very poor")
        case 2: t("2 较差", "2 poor")
        case 3: t("3 一般", "3 fair")
        case 4: t("4 较好", "4 good")
        default: t("5 很好", "5 very good")
        }
    }
    static let again = t("以后还愿意参加吗？", "Would you take part again?")
    static let yes = t("愿意", "Yes")
    static let no = t("不愿意", "No")
    static let comment = t("意见（选填）", "Comment (optional)")
    static let suggestionsLegend = t("给主办单位的建议（选填）", "Suggestions to the organizer (optional)")
    static let suggestionsHint = t(
        "每条建议写一个主题和内容。建议会公开并得到答复，不显示您的名字。",
        "Give each suggestion a topic and a text. Suggestions are published and answered, never with your name.")
    static let suggestionsMore = t("再次提交时可以补充更多建议。", "You can add more suggestions when you send the form again.")
    static func topic(_ n: Int) -> Labels { t("建议 \(n)：主题", "Suggestion \(n): topic") }
    static func suggestionText(_ n: Int) -> Labels { t("建议 \(n)：内容", "Suggestion \(n): text") }
    static let sendFeedback = t("提交反馈", "Send feedback")
    static let updateFeedback = t("保存修改", "Save changes")
    static let chooseScore = t("请选择 1 到 5 之间的一个分数。", "Please choose a score from 1 to 5.")
    static let chooseYesNo = t("请选择愿意或不愿意。", "Please choose yes or no.")
    static let topicNeedsText = t("请同时填写主题和内容。", "Please give both a topic and a text.")
    static let controlCharacters = t("内容含有不允许的控制字符。", "This contains control characters that are not allowed.")
    static let yourSuggestions = t("您的建议和答复", "Your suggestions and the replies")
    static let noReplyYet = t("尚未答复。", "No reply yet.")
    static let reply = t("答复", "Reply")

    static func suggestionStatus(_ status: SuggestionStatus) -> Labels {
        switch status {
        case .received: t("已收到", "Received")
        case .underReview: t("研究中", "Under review")
        case .adopted: t("已采纳", "Adopted")
        case .partiallyAdopted: t("部分采纳", "Partly adopted")
        case .notAdopted: t("未采纳", "Not adopted")
        }
    }

    static func invitationState(_ state: InvitationState) -> Labels {
        switch state {
        case .invited: t("等待您的答复", "Waiting for your answer")
        case .accepted: t("已接受", "Accepted")
        case .declined: t("已谢绝", "Declined")
        case .expired: t("已过期", "Expired")
        case .cancelled: t("已取消", "Cancelled")
        case .attended: t("已出席", "Attended")
        case .noShow: t("未出席", "Did not attend")
        }
    }

    // MARK: Event page: reserves and suggestions
    static let reservesTitle = t("替补", "Reserves")
    static let reservesNone = t("目前没有空出的名额，没有用到替补。", "No seat has been given up so far; no reserve was needed.")
    static func reservesSummary(vacated: Int, filled: Int, open: Int) -> Labels {
        t(
            "空出 \(vacated) 个名额，其中 \(filled) 个由替补补上，\(open) 个空缺。",
            "\(vacated) seat\(vacated == 1 ? "" : "s") given up: \(filled) filled by reserves, \(open) left open.")
    }
    static let vacatedColumn = t("空出名额的编号", "Seat given up by")
    static let reasonColumn = t("原因", "Why")
    static let replacementColumn = t("替补编号", "Filled by")
    static let leftOpen = t("空缺（没有合适的替补）", "Left open (no suitable reserve)")
    static func vacatedReason(_ state: String) -> Labels {
        switch state {
        case "declined": t("谢绝", "declined")
        case "expired": t("逾期未答复", "no answer in time")
        default: t("取消", "cancelled")
        }
    }
    static let reservesLog = t("替补记录（JSON，可用 allot verify 核对）", "Replacement log (JSON, checkable with allot verify)")
    static let suggestionsTitle = t("建议和答复", "Suggestions and replies")
    static let suggestionsNone = t("还没有公开的建议。", "No suggestions yet.")
}

extension WebText {
    static let feedbackTitle = t("活动反馈", "Your feedback")
}
