// SPDX-License-Identifier: Apache-2.0
// Spoken: what the narrator says for each screen (语音播报), in one place: the screen's summary
// and its key prompt, from the session's state as the screen shows it. Personal data only as the
// screen shows it, masked (session.maskedName, its * said 某; of an ID number only its last four
// characters, which the masked number shows). Form values, phone numbers and addresses are never spoken.
pragma Singleton
import QtQml

QtObject {
    /// The words for what `session` shows now; "" for nothing to say. `pageWords`, where the
    /// screen has pages of its own (the 长辈版 home's themes and items), says the page shown.
    function summaryFor(session, pageWords) {
        if (!session)
            return ""
        if (session.idleWarning)
            return qsTr("需要更多时间吗？如需继续办理，请点“需要，继续办理”；否则将结束办理并返回首页，已填写的内容会被清除。")
        // 人工帮助 pressed: the citizen hears that staff are on their way, then the screen.
        const help = session.helpCalled ? qsTr("已通知网点工作人员，请在这里稍候，工作人员会来帮您。") : ""
        const screen = pageWords && pageWords.length > 0 ? pageWords : screenSummary(session)
        return forSpeech(join([help, screen, session.message]))
    }

    /// The masked characters as a listener hears them: espeak-ng reads "*" as the English word
    /// "asterisk"; 李** is said 李某某.
    function forSpeech(text) {
        return text.replace(/\*/g, qsTr("某"))
    }

    /// The parts as sentences, in the UI's language: each ended with a full stop unless it
    /// has one, one after the other (with a space between them in English).
    function join(parts) {
        return parts.filter(part => part && part.length > 0)
                    .map(part => /[。！？.!?]$/.test(part) ? part : part + qsTr("。"))
                    .reduce((text, part) => text.length === 0 ? part
                            : qsTr("%1%2", "two spoken sentences in a row").arg(text).arg(part), "")
    }

    /// The masked name and the last four characters of the masked ID number, as on screen.
    function applicant(session) {
        const id = session.maskedIdNumber
        if (id.length < 4)
            return session.maskedName
        return qsTr("%1，身份证号码尾号%2").arg(session.maskedName).arg(id.slice(-4))
    }

    function screenSummary(session) {
        switch (session.screen) {
        case "home":
            return qsTr("欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，用拼音查找。")
        case "search":
            return qsTr("搜索事项。请用下方的字母键输入拼音或拼音首字母，找到后点选事项。")
        case "guide":
            return guideSummary(session)
        case "identify":
            return join([qsTr("请将身份证放在感应区"),
                         qsTr("正在办理：%1").arg(session.itemName),
                         qsTr("也可以把手机上的电子身份证二维码对准扫码口，或点“手工输入身份信息”")])
        case "manual_identity":
            return qsTr("请输入姓名和身份证号码，输入完成后点“下一步”。")
        case "form":
            return qsTr("请填写申请信息。身份证上的信息已经填好，请填写其余各项，完成后点“下一步”。")
        case "materials":
            return materialsSummary(session.materials)
        case "confirm":
            return join([qsTr("请核对申请信息"),
                         qsTr("办理事项：%1").arg(session.itemName),
                         qsTr("申请人：%1").arg(applicant(session)),
                         qsTr("确认无误请点“确认提交”，需要修改请点“返回修改”")])
        case "submitted":
            return join([session.caseNo.length > 0
                         ? qsTr("申请已提交，受理编号显示在屏幕上")
                         : qsTr("申请已保存在本机，联网后自动提交"),
                         receiptWords(session.receiptState)])
        case "rating":
            return ratingSummary(session)
        case "finished":
            return qsTr("感谢您的使用。请带好您的身份证和回执。屏幕将自动返回首页。")
        case "progress":
            return progressSummary(session)
        case "document":
            return documentSummary(session)
        }
        return ""
    }

    function guideSummary(session) {
        if (session.itemFlow === "counter")
            return join([session.itemName,
                         qsTr("本事项不能在自助终端办理，请按屏幕上的指南准备材料，到服务窗口办理")])
        return join([session.itemName, qsTr("这是办事指南。准备好后，请点“开始办理”")])
    }

    function materialsSummary(materials) {
        if (materials.cameraState === "failed")
            return qsTr("高拍仪暂时不能使用。请把申请材料带到服务窗口，申请可以继续办理。")
        return join([qsTr("请拍摄申请材料"),
                     qsTr("请把“%1”平放在高拍仪下，然后点“拍照”").arg(materials.currentName)])
    }

    function receiptWords(state) {
        switch (state) {
        case "printing": return qsTr("正在打印回执，请稍候")
        case "printed": return qsTr("回执已打印，请从出纸口取走回执")
        case "failed":
        case "no_printer": return qsTr("请用手机拍下屏幕上的二维码，凭它查询办理进度")
        }
        return ""
    }

    function ratingSummary(session) {
        if (session.ratingPlace === "tablet")
            return qsTr("请在旁边的评价器上为本次服务评价，也可以在屏幕上评价。")
        if (session.ratingLevelGiven > 0)
            return qsTr("请选择不满意的原因，至少一项，然后点“提交评价”。")
        return qsTr("请对本次服务进行评价：点选满意程度，然后点“提交评价”；不想评价请点“跳过”。")
    }

    function progressSummary(session) {
        const subject = session.fromReceipt
                ? qsTr("按回执二维码查询办理进度")
                : qsTr("办理进度查询。查询人：%1").arg(applicant(session))
        if (session.lookupState === "found") {
            const rows = session.progressRows
            const cases = rows.map(row => qsTr("%1，%2").arg(row.itemName).arg(row.statusText))
            return join([subject, qsTr("共%n件", "", rows.length)].concat(cases))
        }
        return join([subject, session.lookupMessage])
    }

    function documentSummary(session) {
        if (session.certificateBusy)
            return qsTr("正在打印证明材料，打印一般需要一分钟左右，请在打印机旁等候，不要离开。")
        if (session.certificateState === "done")
            return qsTr("打印完成，请取走证明材料。证明材料含有您的个人信息，请妥善保管。")
        return join([qsTr("未能打印"), session.certificateMessage,
                     qsTr("您可以按“人工帮助”请工作人员处理，或到服务窗口办理")])
    }
}
