<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AccessBar</name>
    <message>
        <source>服务方式</source>
        <translation>How you are served</translation>
    </message>
    <message>
        <source>标准版</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>长辈版</source>
        <translation>Senior mode</translation>
    </message>
    <message>
        <source>语音：开</source>
        <translation>Voice: on</translation>
    </message>
    <message>
        <source>语音：关</source>
        <translation>Voice: off</translation>
    </message>
    <message>
        <source>重听</source>
        <translation>Repeat</translation>
    </message>
</context>
<context>
    <name>ChoiceField</name>
    <message>
        <source>（必填）</source>
        <translation> (required)</translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>请核对申请信息</source>
        <translation>Please check your application</translation>
    </message>
    <message>
        <source>办理事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <source>申请材料：%1</source>
        <translation>Documents: %1</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
</context>
<context>
    <name>DateKeyboard</name>
    <message>
        <source>日期键盘</source>
        <translation>Date keypad</translation>
    </message>
    <message>
        <source>短横线</source>
        <translation>Dash</translation>
    </message>
</context>
<context>
    <name>DigitKeyboard</name>
    <message>
        <source>数字键盘</source>
        <translation>Number keypad</translation>
    </message>
</context>
<context>
    <name>DocumentScreen</name>
    <message>
        <source>正在打印证明材料</source>
        <translation>Printing your certificate</translation>
    </message>
    <message>
        <source>打印完成</source>
        <translation>Printing finished</translation>
    </message>
    <message>
        <source>未能打印</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <source>打印事项：%1</source>
        <translation>Printing: %1</translation>
    </message>
    <message>
        <source>证明材料已打印</source>
        <translation>Certificate printed</translation>
    </message>
    <message>
        <source>证明材料打印中</source>
        <translation>Certificate being printed</translation>
    </message>
    <message>
        <source>打印一般需要一分钟左右，请在打印机旁等候，不要离开。</source>
        <translation>Printing usually takes about a minute. Please wait by the printer and do not leave.</translation>
    </message>
    <message>
        <source>证明材料含有您的个人信息，请妥善保管。如内容有误，请到服务窗口咨询。</source>
        <translation>The certificate contains your personal information. Please keep it safe. If anything on it is wrong, please ask at a service counter.</translation>
    </message>
    <message>
        <source>您可以按右上角的“人工帮助”请工作人员处理，或到服务窗口办理。</source>
        <translation>You can press “Get help” at the top right for a member of staff, or go to a service counter.</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
</context>
<context>
    <name>ElderHomeScreen</name>
    <message>
        <source>按主题查找</source>
        <translation>Browse by topic</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>常用事项</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <source>查找其他事项</source>
        <translation>Find other services</translation>
    </message>
    <message>
        <source>全部事项（%1 项）</source>
        <translation>All services (%1)</translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>（%1 项）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>第%1页，共%2页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>本页的主题有：%1</source>
        <translation>The topics on this page: %1</translation>
    </message>
    <message>
        <source>请点选主题，或点“返回”回到首页</source>
        <translation>Please tap a topic, or tap “Back” to return to the home page</translation>
    </message>
    <message>
        <source>本页的事项有：%1</source>
        <translation>The services on this page: %1</translation>
    </message>
    <message>
        <source>请点选要办理的事项</source>
        <translation>Please tap the service you need</translation>
    </message>
</context>
<context>
    <name>FinishedScreen</name>
    <message>
        <source>感谢您的使用</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <source>请带好您的身份证和回执。屏幕将自动返回首页。</source>
        <translation>Please take your ID card and your receipt with you. The screen will return to the start by itself.</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to start</translation>
    </message>
</context>
<context>
    <name>FormScreen</name>
    <message>
        <source>请填写申请信息</source>
        <translation>Please fill in the form</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>FormTextField</name>
    <message>
        <source>（必填）</source>
        <translation> (required)</translation>
    </message>
</context>
<context>
    <name>GuideScreen</name>
    <message>
        <source>未找到该事项</source>
        <translation>Service not found</translation>
    </message>
    <message>
        <source>网络中断，本事项需联网办理，现在暂不能办理。请稍后再试或到服务窗口办理。</source>
        <translation>The network is down. This service needs the network, so it cannot be used right now. Please try again later or go to a service counter.</translation>
    </message>
    <message>
        <source>本事项需联网办理。网络中断时暂不能办理，请稍后再试或到服务窗口办理。</source>
        <translation>This service needs the network. When the network is down it cannot be used; please try again later or go to a service counter.</translation>
    </message>
    <message>
        <source>您在本机提交的申请已安全保存，联网后会自动提交。</source>
        <translation>Applications made at this kiosk are stored safely and will be sent automatically once the network is back.</translation>
    </message>
    <message>
        <source>本事项不能在自助终端办理，请按下面的指南准备材料，到服务窗口办理。</source>
        <translation>This service is not available at the kiosk. Please prepare the documents listed below and go to a service counter.</translation>
    </message>
    <message>
        <source>承诺时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>受理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>必须</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>设定依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>网络中断，暂不能办理</source>
        <translation>Network down, not available now</translation>
    </message>
    <message>
        <source>开始查询</source>
        <translation>Start the search</translation>
    </message>
    <message>
        <source>开始打印</source>
        <translation>Start printing</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>需要帮助？</source>
        <translation>Need help?</translation>
    </message>
    <message>
        <source>已通知网点工作人员，请在这里稍候，工作人员会来帮您。您也可以拨打政务服务便民热线 12345。</source>
        <translation>Staff have been told. Please wait here and someone will come to help you. You can also call the government service hotline 12345.</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>首页</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>按主题查找</source>
        <translation>Browse by topic</translation>
    </message>
    <message>
        <source>常用事项</source>
        <translation>Popular services</translation>
    </message>
    <message numerus="yes">
        <source>%1（%n 项）</source>
        <translation>
            <numerusform>%1 (%n)</numerusform>
            <numerusform>%1 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>上下滑动查看更多</source>
        <translation>Swipe for more</translation>
    </message>
    <message>
        <source>显示全部事项</source>
        <translation>Show all services</translation>
    </message>
</context>
<context>
    <name>IdNumberKeyboard</name>
    <message>
        <source>身份证号码键盘</source>
        <translation>ID number keypad</translation>
    </message>
    <message>
        <source>字母 X</source>
        <translation>Letter X</translation>
    </message>
</context>
<context>
    <name>IdentifyScreen</name>
    <message>
        <source>请将身份证放在感应区</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <source>正在办理：%1</source>
        <translation>Now applying: %1</translation>
    </message>
    <message>
        <source>把身份证平放在下方的读卡区，不要移动</source>
        <translation>Lay your ID card flat on the reader below and keep it still</translation>
    </message>
    <message>
        <source>读卡区</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <source>查询本机提交的申请，也可以把回执上的二维码对准扫码口。</source>
        <translation>For an application made at this kiosk, you can also hold the QR code on your receipt to the scanner. </translation>
    </message>
    <message>
        <source>也可以打开手机上的电子身份证（亮证）二维码，对准扫码口。没有带身份证？可以手工输入姓名和身份证号码。</source>
        <translation>You can also show the QR code of the electronic ID card on your phone to the scanner. No ID card with you? You can type your name and ID number instead.</translation>
    </message>
    <message>
        <source>手工输入身份信息</source>
        <translation>Type my details</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>IdentityCard</name>
    <message>
        <source>申请人 %1，证件号码 %2</source>
        <translation>Applicant %1, ID number %2</translation>
    </message>
    <message>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>已读取身份证</source>
        <translation>ID card read</translation>
    </message>
    <message>
        <source>已通过手机亮证核验</source>
        <translation>Checked by the phone ID code</translation>
    </message>
    <message>
        <source>手工输入</source>
        <translation>Typed in</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>需要更多时间吗？</source>
        <translation>Do you need more time?</translation>
    </message>
    <message numerus="yes">
        <source>%n 秒后将结束办理并返回首页，已填写的内容会被清除。</source>
        <translation>
            <numerusform>In %n second this session will end and the screen will return to the start. What you have entered will be cleared.</numerusform>
            <numerusform>In %n seconds this session will end and the screen will return to the start. What you have entered will be cleared.</numerusform>
        </translation>
    </message>
    <message>
        <source>需要，继续办理</source>
        <translation>Yes, continue</translation>
    </message>
    <message>
        <source>结束办理</source>
        <translation>End now</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>“%1”即“%2”</source>
        <translation>“%1” means “%2”</translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>KeyPad</name>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>数字 %1</source>
        <translation>Digit %1</translation>
    </message>
</context>
<context>
    <name>LetterKeyboard</name>
    <message>
        <source>退格</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government self-service kiosk</translation>
    </message>
</context>
<context>
    <name>MaintenanceLoginScreen</name>
    <message>
        <source>维护人员验证</source>
        <translation>Maintenance sign-in</translation>
    </message>
    <message>
        <source>请输入维护验证码（6 位数字，见运维验证器应用）</source>
        <translation>Enter the maintenance code (6 digits, from the maintenance authenticator app)</translation>
    </message>
    <message numerus="yes">
        <source>维护验证码，已输入 %n 位</source>
        <translation>
            <numerusform>Maintenance code, %n digit entered</numerusform>
            <numerusform>Maintenance code, %n digits entered</numerusform>
        </translation>
    </message>
    <message>
        <source>确认</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MaintenanceOverlay</name>
    <message>
        <source>维护模式 · 暂停服务</source>
        <translation>Maintenance · out of service</translation>
    </message>
</context>
<context>
    <name>MaintenanceScreen</name>
    <message>
        <source>设备维护</source>
        <translation>Maintenance</translation>
    </message>
    <message>
        <source>设备状态</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>设备尚未启动</source>
        <translation>Devices not started yet</translation>
    </message>
    <message>
        <source>上传队列</source>
        <translation>Upload queue</translation>
    </message>
    <message>
        <source>待上传 %1 条，已送达 %2 条，失败 %3 条</source>
        <translation>%1 waiting, %2 delivered, %3 failed</translation>
    </message>
    <message>
        <source>，最早一条已等待 %1 秒</source>
        <translation>, oldest waiting for %1 s</translation>
    </message>
    <message>
        <source>队列尚未打开</source>
        <translation>Queue not open yet</translation>
    </message>
    <message>
        <source>重试失败记录</source>
        <translation>Retry failed records</translation>
    </message>
    <message>
        <source>事项目录</source>
        <translation>Service catalog</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>诊断</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>退出维护</source>
        <translation>Leave maintenance</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>%1：%2，%3</source>
        <translation>%1: %2, %3</translation>
    </message>
</context>
<context>
    <name>ManualIdentityScreen</name>
    <message>
        <source>请输入姓名和身份证号码</source>
        <translation>Enter your name and ID number</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份证号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>身份证号码校验位不正确，请核对后重新输入</source>
        <translation>The last digit of the ID number does not match. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>MaterialsScreen</name>
    <message>
        <source>请拍摄申请材料</source>
        <translation>Please photograph your documents</translation>
    </message>
    <message>
        <source>请把“%1”平放在高拍仪下</source>
        <translation>Please lay “%1” flat under the document camera</translation>
    </message>
    <message>
        <source>（非必需，可跳过）</source>
        <translation> (optional, you may skip it)</translation>
    </message>
    <message>
        <source>高拍仪暂时不能使用</source>
        <translation>The document camera is not available right now</translation>
    </message>
    <message>
        <source>高拍仪画面：%1</source>
        <translation>Document camera view: %1</translation>
    </message>
    <message>
        <source>，已拍照</source>
        <translation>, photographed</translation>
    </message>
    <message>
        <source>✓ 已拍照</source>
        <translation>✓ Photographed</translation>
    </message>
    <message>
        <source>正在拍照…</source>
        <translation>Taking the photo…</translation>
    </message>
    <message>
        <source>重拍</source>
        <translation>Take again</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>已拍照</source>
        <translation>Photographed</translation>
    </message>
    <message>
        <source>不提供</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <source>到窗口补交</source>
        <translation>Bring to a counter</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>非必需</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>%1．%2，%3</source>
        <translation>%1. %2, %3</translation>
    </message>
    <message>
        <source>%1．%2（%3）</source>
        <translation>%1. %2 (%3)</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>下一份</source>
        <translation>Next document</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <source>暂停服务</source>
        <translation>Out of service</translation>
    </message>
    <message>
        <source>本机暂时无法使用，请到服务窗口办理。</source>
        <translation>This kiosk cannot be used at the moment. Please go to a service counter.</translation>
    </message>
    <message>
        <source>本机暂时无法使用，
请到服务窗口办理。</source>
        <translation>This kiosk cannot be used at the moment.
Please go to a service counter.</translation>
    </message>
    <message>
        <source>终端编号 %1&#x3000;</source>
        <translation>Kiosk %1  </translation>
    </message>
    <message>
        <source>尚未启用</source>
        <translation>Not in service yet</translation>
    </message>
    <message>
        <source>本机尚未启用，请到服务窗口办理。</source>
        <translation>This kiosk is not in service yet. Please go to a service counter.</translation>
    </message>
    <message>
        <source>本机尚未启用，
请到服务窗口办理。</source>
        <translation>This kiosk is not in service yet.
Please go to a service counter.</translation>
    </message>
    <message>
        <source>未配置（待技术人员配置）&#x3000;</source>
        <translation>Not provisioned (for a technician)  </translation>
    </message>
</context>
<context>
    <name>PageTurner</name>
    <message>
        <source>翻页</source>
        <translation>Turn the page</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>第 %1 / %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>PhoneKeyboard</name>
    <message>
        <source>电话号码键盘</source>
        <translation>Phone number keypad</translation>
    </message>
</context>
<context>
    <name>PinyinKeyboard</name>
    <message>
        <source>拼音键盘</source>
        <translation>Pinyin keyboard</translation>
    </message>
    <message>
        <source>数字 %1</source>
        <translation>Digit %1</translation>
    </message>
    <message>
        <source>字母 %1</source>
        <translation>Letter %1</translation>
    </message>
    <message>
        <source>请输入拼音，再点选汉字</source>
        <translation>Type pinyin, then tap the characters</translation>
    </message>
    <message>
        <source>已输入拼音 %1</source>
        <translation>Pinyin typed: %1</translation>
    </message>
    <message>
        <source>候选词 %1</source>
        <translation>Choice %1</translation>
    </message>
    <message>
        <source>上一页</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>上一页候选词</source>
        <translation>Previous choices</translation>
    </message>
    <message>
        <source>下一页</source>
        <translation>More</translation>
    </message>
    <message>
        <source>下一页候选词</source>
        <translation>More choices</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>间隔号</source>
        <translation>Middle dot</translation>
    </message>
    <message>
        <source>选定</source>
        <translation>Choose</translation>
    </message>
    <message>
        <source>空格</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>选定 %1</source>
        <translation>Choose %1</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <source>办理进度查询</source>
        <translation>Application progress</translation>
    </message>
    <message>
        <source>按回执二维码查询</source>
        <translation>Found by the QR code on your receipt</translation>
    </message>
    <message>
        <source>查询事项：%1
查询人：%2（%3）</source>
        <translation>Service: %1
For: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>办件列表，共%n件</source>
        <translation>
            <numerusform>Your applications, %n in total</numerusform>
            <numerusform>Your applications, %n in total</numerusform>
        </translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>，更新于%1</source>
        <translation>, updated %1</translation>
    </message>
    <message>
        <source>，受理编号%1</source>
        <translation>, case number %1</translation>
    </message>
    <message>
        <source>更新时间：%1</source>
        <translation>Updated: %1</translation>
    </message>
    <message>
        <source>受理编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <source>您可以：稍后再查；或到服务窗口咨询，工作人员可以为您查询。</source>
        <translation>Staff at a service counter can also look it up for you.</translation>
    </message>
    <message>
        <source>评价此件</source>
        <translation>Rate this service</translation>
    </message>
    <message>
        <source>查询完毕</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
</context>
<context>
    <name>QueueHeldMarker</name>
    <message>
        <source>上传暂停：本机证书未获平台认可，请联系运维</source>
        <translation>Upload paused: the platform does not accept this kiosk’s certificate. Please contact maintenance.</translation>
    </message>
</context>
<context>
    <name>RatingScreen</name>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>请对本次服务进行评价</source>
        <translation>Please rate our service</translation>
    </message>
    <message>
        <source>请在旁边的评价器上为本次服务评价。
也可以在屏幕上评价。</source>
        <translation>Please rate our service on the rating pad next to the kiosk.
You can also rate it on this screen.</translation>
    </message>
    <message>
        <source>您在评价器上选择了：%1</source>
        <translation>You chose on the rating pad: %1</translation>
    </message>
    <message>
        <source>请选择不满意的原因（至少一项）：</source>
        <translation>Please tell us what was wrong (choose at least one):</translation>
    </message>
    <message>
        <source>在屏幕上评价</source>
        <translation>Rate on this screen</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
</context>
<context>
    <name>SearchEntry</name>
    <message>
        <source>搜</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>搜索事项：输入拼音或首字母</source>
        <translation>Search: type pinyin or initials</translation>
    </message>
</context>
<context>
    <name>SearchScreen</name>
    <message>
        <source>搜索事项</source>
        <translation>Search services</translation>
    </message>
    <message>
        <source>‹ 返回</source>
        <translation>‹ Back</translation>
    </message>
    <message>
        <source>输入拼音或首字母，如 SBCX</source>
        <translation>Type pinyin or initials, e.g. SBCX</translation>
    </message>
    <message numerus="yes">
        <source>找到 %n 项</source>
        <translation>
            <numerusform>%n service found</numerusform>
            <numerusform>%n services found</numerusform>
        </translation>
    </message>
    <message>
        <source>没有找到，请换个说法或按主题查找</source>
        <translation>Nothing found. Please try other words or browse by topic.</translation>
    </message>
</context>
<context>
    <name>Spoken</name>
    <message>
        <source>需要更多时间吗？如需继续办理，请点“需要，继续办理”；否则将结束办理并返回首页，已填写的内容会被清除。</source>
        <translation>Do you need more time? To continue, tap “Yes, continue”. Otherwise this session will end and the screen will return to the start, and what you have entered will be cleared.</translation>
    </message>
    <message>
        <source>已通知网点工作人员，请在这里稍候，工作人员会来帮您。</source>
        <translation>Staff have been told. Please wait here and someone will come to help you.</translation>
    </message>
    <message>
        <source>某</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1，身份证号码尾号%2</source>
        <translation>%1, ID number ending %2</translation>
    </message>
    <message>
        <source>欢迎使用政务服务自助终端。请点选要办理的事项，也可以点“搜索事项”，用拼音查找。</source>
        <translation>Welcome to the government self-service kiosk. Please tap the service you need, or tap “Search” to find it by pinyin.</translation>
    </message>
    <message>
        <source>搜索事项。请用下方的字母键输入拼音或拼音首字母，找到后点选事项。</source>
        <translation>Search services. Type pinyin or its initials with the letter keys below, then tap the service you find.</translation>
    </message>
    <message>
        <source>请将身份证放在感应区</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <source>正在办理：%1</source>
        <translation>Now applying: %1</translation>
    </message>
    <message>
        <source>也可以把手机上的电子身份证二维码对准扫码口，或点“手工输入身份信息”</source>
        <translation>You can also hold the electronic ID QR code on your phone to the scanner, or tap “Type my details”</translation>
    </message>
    <message>
        <source>请输入姓名和身份证号码，输入完成后点“下一步”。</source>
        <translation>Please enter your name and ID number, then tap “Next”.</translation>
    </message>
    <message>
        <source>请填写申请信息。身份证上的信息已经填好，请填写其余各项，完成后点“下一步”。</source>
        <translation>Please fill in the form. The details from your ID card are already filled in; fill in the rest, then tap “Next”.</translation>
    </message>
    <message>
        <source>请核对申请信息</source>
        <translation>Please check your application</translation>
    </message>
    <message>
        <source>办理事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <source>申请人：%1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <source>确认无误请点“确认提交”，需要修改请点“返回修改”</source>
        <translation>If everything is right, tap “Submit”; to change something, tap “Go back and edit”</translation>
    </message>
    <message>
        <source>申请已提交，受理编号显示在屏幕上</source>
        <translation>Your application has been submitted; the case number is on the screen</translation>
    </message>
    <message>
        <source>申请已保存在本机，联网后自动提交</source>
        <translation>Your application is saved at this kiosk and will be sent once the network is back</translation>
    </message>
    <message>
        <source>感谢您的使用。请带好您的身份证和回执。屏幕将自动返回首页。</source>
        <translation>Thank you. Please take your ID card and your receipt with you. The screen will return to the start by itself.</translation>
    </message>
    <message>
        <source>本事项不能在自助终端办理，请按屏幕上的指南准备材料，到服务窗口办理</source>
        <translation>This service is not available at the kiosk. Please prepare the documents in the guide on the screen and go to a service counter</translation>
    </message>
    <message>
        <source>这是办事指南。准备好后，请点“开始办理”</source>
        <translation>This is the service guide. When you are ready, tap “Start”</translation>
    </message>
    <message>
        <source>高拍仪暂时不能使用。请把申请材料带到服务窗口，申请可以继续办理。</source>
        <translation>The document camera is not available right now. Please bring your documents to a service counter; you can go on with your application.</translation>
    </message>
    <message>
        <source>请拍摄申请材料</source>
        <translation>Please photograph your documents</translation>
    </message>
    <message>
        <source>请把“%1”平放在高拍仪下，然后点“拍照”</source>
        <translation>Please lay “%1” flat under the document camera, then tap “Take photo”</translation>
    </message>
    <message>
        <source>正在打印回执，请稍候</source>
        <translation>Printing your receipt, please wait</translation>
    </message>
    <message>
        <source>回执已打印，请从出纸口取走回执</source>
        <translation>Your receipt has been printed. Please take it from the slot</translation>
    </message>
    <message>
        <source>请用手机拍下屏幕上的二维码，凭它查询办理进度</source>
        <translation>Please take a photo of the QR code on the screen with your phone; you can use it to check your progress</translation>
    </message>
    <message>
        <source>请在旁边的评价器上为本次服务评价，也可以在屏幕上评价。</source>
        <translation>Please rate our service on the rating pad next to the kiosk, or on this screen.</translation>
    </message>
    <message>
        <source>请选择不满意的原因，至少一项，然后点“提交评价”。</source>
        <translation>Please choose at least one reason, then tap “Send rating”.</translation>
    </message>
    <message>
        <source>请对本次服务进行评价：点选满意程度，然后点“提交评价”；不想评价请点“跳过”。</source>
        <translation>Please rate our service: tap how satisfied you are, then tap “Send rating”. To skip, tap “Skip”.</translation>
    </message>
    <message>
        <source>按回执二维码查询办理进度</source>
        <translation>Progress of the case on your receipt</translation>
    </message>
    <message>
        <source>办理进度查询。查询人：%1</source>
        <translation>Application progress. For: %1</translation>
    </message>
    <message>
        <source>%1，%2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <source>共%n件</source>
        <translation>
            <numerusform>%n in total</numerusform>
            <numerusform>%n in total</numerusform>
        </translation>
    </message>
    <message>
        <source>正在打印证明材料，打印一般需要一分钟左右，请在打印机旁等候，不要离开。</source>
        <translation>Printing your certificate. It usually takes about a minute; please wait by the printer and do not leave.</translation>
    </message>
    <message>
        <source>打印完成，请取走证明材料。证明材料含有您的个人信息，请妥善保管。</source>
        <translation>Printing finished. Please take your certificate; it contains your personal information, so keep it safe.</translation>
    </message>
    <message>
        <source>未能打印</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <source>您可以按“人工帮助”请工作人员处理，或到服务窗口办理</source>
        <translation>You can press “Get help” for a member of staff, or go to a service counter</translation>
    </message>
    <message>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <source>%1%2</source>
        <comment>two spoken sentences in a row</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>SubmittedScreen</name>
    <message>
        <source>申请已提交</source>
        <translation>Application submitted</translation>
    </message>
    <message>
        <source>申请已保存</source>
        <translation>Application saved</translation>
    </message>
    <message>
        <source>受理编号：%1</source>
        <translation>Case number: %1</translation>
    </message>
    <message>
        <source>已保存在本机，联网后自动提交。
本机受理号：%1</source>
        <translation>Saved at this kiosk; it will be sent automatically once the network is back.
Kiosk reference: %1</translation>
    </message>
    <message>
        <source>正在打印回执，请稍候……</source>
        <translation>Printing your receipt, please wait…</translation>
    </message>
    <message>
        <source>回执已打印，请从出纸口取走回执。</source>
        <translation>Your receipt has been printed. Please take it from the slot.</translation>
    </message>
    <message>
        <source>请用手机拍下这个二维码，凭它查询办理进度。</source>
        <translation>Please take a photo of this QR code with your phone; you can use it to check your progress.</translation>
    </message>
    <message>
        <source>回执二维码</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <source>下一步：评价</source>
        <translation>Next: rate our service</translation>
    </message>
    <message>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
</context>
<context>
    <name>ThemeTile</name>
    <message numerus="yes">
        <source>%n 项</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>政务服务</source>
        <translation>Government services</translation>
    </message>
    <message>
        <source>政务服务自助终端</source>
        <translation>Self-service kiosk</translation>
    </message>
    <message>
        <source>%1月%2日 %3</source>
        <translation>%3, %1/%2</translation>
    </message>
    <message>
        <source>已呼叫工作人员</source>
        <translation>Staff called</translation>
    </message>
    <message>
        <source>人工帮助</source>
        <translation>Get help</translation>
    </message>
    <message>
        <source>网络中断：需联网的事项暂不能办理，提交的申请先保存在本机，联网后自动提交</source>
        <translation>Network down: services that need the network are not available. Applications are saved here and sent once the network is back.</translation>
    </message>
</context>
<context>
    <name>base::CitizenText</name>
    <message>
        <source>请选择1到5颗星</source>
        <translation>Please choose 1 to 5 stars.</translation>
    </message>
    <message>
        <source>请至少选择一项不满意的原因</source>
        <translation>Please choose at least one reason.</translation>
    </message>
    <message>
        <source>请先刷身份证</source>
        <translation>Please place your ID card on the reader first.</translation>
    </message>
    <message>
        <source>本机暂存空间已满，您的申请未能保存。请到服务窗口办理，工作人员会为您优先处理。</source>
        <translation>This kiosk’s storage is full and your application could not be saved. Please go to a service counter, where staff will serve you first.</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>审核中</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>已通过</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>状态待确认，请咨询工作人员</source>
        <translation>Status not known yet; please ask a member of staff</translation>
    </message>
    <message>
        <source>已保存在本机，联网后自动提交</source>
        <translation>Saved at this kiosk; sent once the network is back</translation>
    </message>
    <message>
        <source>提交未成功，请咨询工作人员</source>
        <translation>Not submitted; please ask a member of staff</translation>
    </message>
    <message>
        <source>正在准备打印，请稍候……</source>
        <translation>Getting ready to print, please wait…</translation>
    </message>
    <message>
        <source>正在打印，请稍候，不要离开……</source>
        <translation>Printing, please wait and do not leave…</translation>
    </message>
    <message>
        <source>打印完成，请从出纸口取走您的证明材料。</source>
        <translation>Printing finished. Please take your certificate from the slot.</translation>
    </message>
    <message>
        <source>打印机出现故障，未能打印。请到服务窗口办理，工作人员会为您处理。</source>
        <translation>The printer has a fault and could not print. Please go to a service counter, where staff will help you.</translation>
    </message>
    <message>
        <source>打印已取消。</source>
        <translation>Printing was cancelled.</translation>
    </message>
    <message>
        <source>网络暂时不通，无法获取证明材料，请稍后再试或到服务窗口办理。</source>
        <translation>The network is down, so your certificate cannot be fetched. Please try again later or go to a service counter.</translation>
    </message>
    <message>
        <source>打印时间过长，请到服务窗口询问是否已打印。</source>
        <translation>Printing is taking too long. Please ask at a service counter whether it was printed.</translation>
    </message>
    <message>
        <source>打印机暂时无法使用，请到服务窗口办理，工作人员会为您处理。</source>
        <translation>The printer cannot be used right now. Please go to a service counter, where staff will help you.</translation>
    </message>
    <message>
        <source>正在获取您的证明材料，请稍候……</source>
        <translation>Fetching your certificate, please wait…</translation>
    </message>
    <message>
        <source>打印完成，请从打印机出纸口取走您的证明材料。</source>
        <translation>Printing finished. Please take your certificate from the printer’s slot.</translation>
    </message>
    <message>
        <source>没有查到可以打印的证明材料。请核对所选事项，或到服务窗口咨询。</source>
        <translation>No certificate was found to print. Please check the service you chose, or ask at a service counter.</translation>
    </message>
    <message>
        <source>网络暂时不通，无法获取证明材料。请稍后再试，或到服务窗口办理。</source>
        <translation>The network is down, so your certificate cannot be fetched. Please try again later, or go to a service counter.</translation>
    </message>
    <message>
        <source>暂时无法获取证明材料，请稍后再试，或到服务窗口办理。</source>
        <translation>Your certificate cannot be fetched right now. Please try again later, or go to a service counter.</translation>
    </message>
    <message>
        <source>打印机已停止工作（可能缺纸或卡纸），未能打印。请按“人工帮助”请工作人员处理，或到服务窗口办理。</source>
        <translation>The printer has stopped (it may be out of paper or jammed) and could not print. Please press “Get help” for a member of staff, or go to a service counter.</translation>
    </message>
    <message>
        <source>打印任务被中止，证明材料没有打印出来。您可以重新打印，或到服务窗口办理。</source>
        <translation>Printing was stopped and your certificate was not printed. You can print again, or go to a service counter.</translation>
    </message>
    <message>
        <source>打印已取消。您可以重新打印，或到服务窗口办理。</source>
        <translation>Printing was cancelled. You can print again, or go to a service counter.</translation>
    </message>
    <message>
        <source>本机的证明打印机未设置好，暂时不能打印。请到服务窗口办理，工作人员会为您处理。</source>
        <translation>This kiosk’s certificate printer is not set up, so it cannot print. Please go to a service counter, where staff will help you.</translation>
    </message>
    <message>
        <source>本机的证明打印机暂时不能使用。请到服务窗口办理，工作人员会为您处理。</source>
        <translation>This kiosk’s certificate printer cannot be used right now. Please go to a service counter, where staff will help you.</translation>
    </message>
    <message>
        <source>打印时间过长，请到服务窗口询问是否已打印，不要重复打印。</source>
        <translation>Printing is taking too long. Please ask at a service counter whether it was printed; do not print it again.</translation>
    </message>
    <message>
        <source>请填写%1</source>
        <translation>Please fill in %1</translation>
    </message>
    <message>
        <source>%1应为11位手机号码或带区号的固定电话</source>
        <translation>%1 must be an 11-digit mobile number or a landline number with its area code</translation>
    </message>
    <message>
        <source>%1不正确，请核对后重新输入</source>
        <translation>%1 is not right. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>%1应为年-月-日，例如2026-01-31</source>
        <translation>%1 must be year-month-day, e.g. 2026-01-31</translation>
    </message>
    <message>
        <source>请从列出的选项中选择%1</source>
        <translation>Please choose %1 from the list</translation>
    </message>
    <message>
        <source>%1太长了</source>
        <translation>%1 is too long</translation>
    </message>
    <message>
        <source>未知的评价原因：%1</source>
        <translation>Unknown reason: %1</translation>
    </message>
    <message>
        <source>已提交，受理号 %1</source>
        <translation>Submitted, case number %1</translation>
    </message>
    <message>
        <source>%1年%2月%3日 %4:%5</source>
        <translation>%1-%2-%3 %4:%5</translation>
    </message>
    <message>
        <source>高拍仪暂时不能使用。请带上“%1”到服务窗口补交。您填写的内容已保存，可以继续提交申请。</source>
        <translation>The document camera is not available right now. Please bring “%1” to a service counter. What you have entered is saved, and you can go on to submit your application.</translation>
    </message>
    <message>
        <source>请先拍摄“%1”。</source>
        <translation>Please photograph “%1” first.</translation>
    </message>
    <message>
        <source>“%1”是必须提交的材料，不能跳过。</source>
        <translation>“%1” is required and cannot be skipped.</translation>
    </message>
    <message>
        <source>%1您也可以用手机拍下屏幕上的二维码，凭它查询办理进度。</source>
        <translation>%1 Or photograph the QR code on the screen to check your progress.</translation>
    </message>
    <message>
        <source>二维码已过期，请在手机上刷新后重试。</source>
        <translation>The QR code has expired. Please refresh it on your phone and try again.</translation>
    </message>
    <message>
        <source>无法识别这个身份二维码，请在手机上刷新后重试，或改用身份证。</source>
        <translation>This ID QR code cannot be read. Please refresh it on your phone and try again, or use your ID card.</translation>
    </message>
    <message>
        <source>这不是身份二维码，请打开手机上的电子身份证二维码，或改用身份证。</source>
        <translation>This is not an ID QR code. Please open the electronic ID card QR code on your phone, or use your ID card.</translation>
    </message>
    <message>
        <source>网络暂时不通，无法核验二维码，请改用身份证或手工输入。</source>
        <translation>The network is down, so the QR code cannot be checked. Please use your ID card or type your details.</translation>
    </message>
    <message>
        <source>暂时无法核验这个二维码，请改用身份证或手工输入，或咨询工作人员。</source>
        <translation>This QR code cannot be checked right now. Please use your ID card, type your details, or ask a member of staff.</translation>
    </message>
    <message>
        <source>网络中断，暂时查不到办理进度。您在本机提交的申请已安全保存，联网后会自动提交。请稍后再查，或到服务窗口咨询。</source>
        <translation>The network is down, so progress cannot be checked right now. Applications made at this kiosk are stored safely and will be sent once the network is back. Please look again later, or ask at a service counter.</translation>
    </message>
    <message>
        <source>网络中断，本事项需联网办理，暂时不能办理。请稍后再试，或到服务窗口办理。</source>
        <translation>The network is down. This service needs the network, so it cannot be used right now. Please try again later, or go to a service counter.</translation>
    </message>
    <message>
        <source>本机暂时无法受理申请，请到服务窗口办理，给您带来不便，敬请谅解。</source>
        <translation>This kiosk cannot take applications right now. Please go to a service counter. We are sorry for the trouble.</translation>
    </message>
    <message>
        <source>请填写姓名</source>
        <translation>Please fill in your name</translation>
    </message>
    <message>
        <source>身份证号码不正确，请核对后重新输入</source>
        <translation>The ID number is not right. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>读卡器暂时不能使用。您可以手工输入身份信息，或到服务窗口办理。</source>
        <translation>The card reader cannot be used right now. You can type your name and ID number, or go to a service counter.</translation>
    </message>
    <message>
        <source>没有读到身份证，请把身份证平放在读卡区，不要移动。也可以手工输入身份信息。</source>
        <translation>Your ID card was not read. Please lay it flat on the reader and keep it still. You can also type your name and ID number.</translation>
    </message>
    <message>
        <source>请按提示修改标红的内容</source>
        <translation>Please correct the items marked in red</translation>
    </message>
    <message>
        <source>还有材料没有拍摄，请逐份拍照（非必需的材料可以跳过）。</source>
        <translation>Some documents have not been photographed. Please photograph each one (optional ones may be skipped).</translation>
    </message>
    <message>
        <source>本机没有回执打印机，请用手机拍下屏幕上的二维码，凭它查询办理进度</source>
        <translation>This kiosk has no receipt printer. Please take a photo of the QR code on the screen with your phone; you can use it to check your progress.</translation>
    </message>
    <message>
        <source>请在屏幕上选择不满意的原因</source>
        <translation>Please choose on the screen what was wrong</translation>
    </message>
    <message>
        <source>评价器暂时不能使用，请在屏幕上评价</source>
        <translation>The rating pad cannot be used right now. Please rate on the screen.</translation>
    </message>
    <message>
        <source>这件申请已经评价过了，感谢您的参与</source>
        <translation>This application has already been rated. Thank you.</translation>
    </message>
    <message>
        <source>评价暂时无法保存，感谢您的参与</source>
        <translation>Your rating cannot be saved right now. Thank you all the same.</translation>
    </message>
    <message>
        <source>身份证号码是18位，请核对后重新输入。</source>
        <translation>An ID number has 18 characters. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>最后一位只能是数字或X。</source>
        <translation>The last character can only be a digit or X.</translation>
    </message>
    <message>
        <source>前17位只能是数字。</source>
        <translation>The first 17 characters can only be digits.</translation>
    </message>
    <message>
        <source>号码中的出生日期不正确，请核对后重新输入。</source>
        <translation>The date of birth in the number is not right. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>号码校验不正确，请逐位核对后重新输入。</source>
        <translation>The number does not check out. Please check each digit and enter it again.</translation>
    </message>
    <message>
        <source>姓名只能包含汉字、字母和“·”。</source>
        <translation>A name can only contain Chinese characters, letters and “·”.</translation>
    </message>
    <message>
        <source>姓名太长，请核对后重新输入。</source>
        <translation>The name is too long. Please check it and enter it again.</translation>
    </message>
    <message>
        <source>请输入完整的18位身份证号码。</source>
        <translation>Please enter the full 18-character ID number.</translation>
    </message>
    <message>
        <source>请输入姓名。</source>
        <translation>Please enter your name.</translation>
    </message>
    <message>
        <source>拍照没有成功，请把材料放平，再拍一次。</source>
        <translation>The photo did not work. Please lay the document flat and take it again.</translation>
    </message>
    <message>
        <source>高拍仪暂时不能使用。您填写的内容已保存，可以继续提交申请。</source>
        <translation>The document camera is not available right now. What you have entered is saved, and you can go on to submit your application.</translation>
    </message>
    <message>
        <source>正在查询，请稍候……</source>
        <translation>Looking it up, please wait…</translation>
    </message>
    <message>
        <source>没有查到您的办件记录。在本机刚提交的申请，联网送达后才能查到。</source>
        <translation>No applications were found for you. An application just made at this kiosk can be found once it has been sent.</translation>
    </message>
    <message>
        <source>网络暂时不通，现在查不到办理进度。您在本机提交的申请已安全保存，联网后会自动提交，不需要重新办理。请稍后再查，或到服务窗口咨询。</source>
        <translation>The network is down, so progress cannot be checked now. Applications made here are stored safely and sent once the network is back: no need to apply again. Please look again later, or ask at a service counter.</translation>
    </message>
    <message>
        <source>暂时查不到办理进度，请稍后再试，或到服务窗口咨询。</source>
        <translation>Progress cannot be checked right now. Please try again later, or ask at a service counter.</translation>
    </message>
    <message>
        <source>这张回执不是本机打印的，或记录已转交平台。请用身份证查询办理进度。</source>
        <translation>This receipt was not printed here, or its record has been passed on. Please use your ID card to check your progress.</translation>
    </message>
    <message>
        <source>这件事已经评价过了，感谢您的评价</source>
        <translation>This has already been rated. Thank you for your rating.</translation>
    </message>
    <message>
        <source>回执打印机缺纸或未合盖，回执未能完整打印。您的申请已保存，请联系工作人员处理后点击“重新打印”。</source>
        <translation>The receipt printer is out of paper or open, so the receipt was not printed in full. Your application is saved. Ask a member of staff, then tap “Print again”.</translation>
    </message>
    <message>
        <source>回执打印机暂时无法连接，您的申请已保存。请点击“重新打印”，或到服务窗口领取回执。</source>
        <translation>The receipt printer cannot be reached right now. Your application is saved. Please tap “Print again”, or collect your receipt at a service counter.</translation>
    </message>
    <message>
        <source>回执打印机出现故障，您的申请已保存。请到服务窗口领取回执，工作人员会为您处理。</source>
        <translation>The receipt printer has a fault. Your application is saved. Please collect your receipt at a service counter, where staff will help you.</translation>
    </message>
    <message>
        <source>您已评价过此件，感谢您的反馈。</source>
        <translation>You have already rated this. Thank you for your feedback.</translation>
    </message>
    <message>
        <source>这不是回执上的二维码。查询办理进度或评价，请扫描本中心打印的回执上的二维码。</source>
        <translation>This is not a receipt QR code. To check progress or rate a service, please scan the QR code on a receipt printed at this centre.</translation>
    </message>
    <message>
        <source>这张回执的二维码无法识别，请核对是否为本中心打印的回执，或咨询工作人员。</source>
        <translation>This receipt’s QR code cannot be read. Please check that the receipt was printed at this centre, or ask a member of staff.</translation>
    </message>
    <message>
        <source>二维码内容过长，无法办理，请换用其他二维码或咨询工作人员。</source>
        <translation>This QR code holds too much to use. Please use another QR code or ask a member of staff.</translation>
    </message>
    <message>
        <source>没有读到二维码内容，请把二维码放在扫描区域中央，稍等片刻。</source>
        <translation>No QR code was read. Please hold the code in the middle of the scanner for a moment.</translation>
    </message>
    <message>
        <source>这个二维码无法识别，请换用政务服务二维码或回执上的二维码，或咨询工作人员。</source>
        <translation>This QR code cannot be read. Please use a government service QR code or the one on your receipt, or ask a member of staff.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>kiosk::ui::CatalogModel</name>
    <message>
        <source>自助申请</source>
        <translation>Apply here</translation>
    </message>
    <message>
        <source>自助查询</source>
        <translation>Look up here</translation>
    </message>
    <message>
        <source>自助打印</source>
        <translation>Print here</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Guide only</translation>
    </message>
</context>
<context>
    <name>kiosk::ui::CatalogViewModel</name>
    <message>
        <source>即办</source>
        <translation>Same day</translation>
    </message>
    <message numerus="yes">
        <source>%n 个工作日</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kiosk::ui::MaintenanceViewModel</name>
    <message>
        <source>身份证阅读器</source>
        <translation>ID card reader</translation>
    </message>
    <message>
        <source>扫码器</source>
        <translation>QR scanner</translation>
    </message>
    <message>
        <source>凭条打印机</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>评价器</source>
        <translation>Rating pad</translation>
    </message>
    <message>
        <source>高拍仪</source>
        <translation>Document camera</translation>
    </message>
    <message>
        <source>设备</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>未打开</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>工作中</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>未连接</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>性能下降</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <source>已连接政务服务平台</source>
        <translation>Connected to the government service platform</translation>
    </message>
    <message>
        <source>网络中断：申请暂存本机，联网后自动提交</source>
        <translation>Network down: applications are kept here and sent once it is back</translation>
    </message>
    <message>
        <source>平台拒绝本机证书：上传暂停</source>
        <translation>The platform refuses this kiosk’s certificate: uploads paused</translation>
    </message>
    <message>
        <source>尚未连接（状态未知）</source>
        <translation>Not connected yet (state unknown)</translation>
    </message>
    <message>
        <source>验证码错误次数过多，已锁定，请 %1 分钟后再试</source>
        <translation>Too many wrong codes: locked. Please try again in %1 min.</translation>
    </message>
    <message>
        <source>本机未配置维护验证码（[maintenance] totp_secret_file）</source>
        <translation>No maintenance code is set up on this kiosk ([maintenance] totp_secret_file)</translation>
    </message>
    <message>
        <source>请输入维护验证码</source>
        <translation>Please enter the maintenance code</translation>
    </message>
    <message>
        <source>验证码不正确，还可尝试 %1 次</source>
        <translation>Wrong code; %1 tries left</translation>
    </message>
    <message>
        <source>不能执行：%1</source>
        <translation>Cannot run: %1</translation>
    </message>
    <message>
        <source>正在执行…</source>
        <translation>Running…</translation>
    </message>
    <message>
        <source>失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
<context>
    <name>kiosk::ui::MaterialsViewModel</name>
    <message>
        <source>已拍照</source>
        <translation>Photographed</translation>
    </message>
    <message>
        <source>未提供</source>
        <translation>Not provided</translation>
    </message>
    <message>
        <source>请到服务窗口补交</source>
        <translation>Bring to a service counter</translation>
    </message>
    <message>
        <source>未拍照</source>
        <translation>Not photographed</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
</TS>
