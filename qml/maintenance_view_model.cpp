// SPDX-License-Identifier: Apache-2.0
#include "qml/maintenance_view_model.h"

#include "kiosk/core/maintenance_access.h"

#include <QVariantMap>

#include <utility>

namespace kiosk::ui {

namespace {

QString deviceName(hal::DeviceClass value)
{
    switch (value) {
    case hal::DeviceClass::CardReader:
        return MaintenanceViewModel::tr("身份证阅读器");
    case hal::DeviceClass::CodeScanner:
        return MaintenanceViewModel::tr("扫码器");
    case hal::DeviceClass::ReceiptPrinter:
        return MaintenanceViewModel::tr("凭条打印机");
    case hal::DeviceClass::ReviewTablet:
        return MaintenanceViewModel::tr("评价器");
    case hal::DeviceClass::DocumentCamera:
        return MaintenanceViewModel::tr("高拍仪");
    }
    return MaintenanceViewModel::tr("设备");
}

QString stateText(hal::DeviceState value)
{
    switch (value) {
    case hal::DeviceState::Closed:
        return MaintenanceViewModel::tr("未打开");
    case hal::DeviceState::Ready:
        return MaintenanceViewModel::tr("就绪");
    case hal::DeviceState::Busy:
        return MaintenanceViewModel::tr("工作中");
    case hal::DeviceState::Disconnected:
        return MaintenanceViewModel::tr("未连接");
    case hal::DeviceState::Fault:
        return MaintenanceViewModel::tr("故障");
    }
    return {};
}

QString healthText(hal::Health value)
{
    switch (value) {
    case hal::Health::Ok:
        return MaintenanceViewModel::tr("正常");
    case hal::Health::Degraded:
        return MaintenanceViewModel::tr("性能下降");
    case hal::Health::Fault:
        return MaintenanceViewModel::tr("故障");
    }
    return {};
}

QString networkText(const std::string& link)
{
    if (link == "up")
        return MaintenanceViewModel::tr("已连接政务服务平台");
    if (link == "down")
        return MaintenanceViewModel::tr("网络中断：申请暂存本机，联网后自动提交");
    if (link == "unauthorized")
        return MaintenanceViewModel::tr("平台拒绝本机证书：上传暂停");
    return MaintenanceViewModel::tr("尚未连接（状态未知）");
}

QString minutesText(std::chrono::seconds left)
{
    const auto minutes = (left.count() + 59) / 60;
    return MaintenanceViewModel::tr("验证码错误次数过多，已锁定，请 %1 分钟后再试").arg(minutes);
}

} // namespace

MaintenanceViewModel::MaintenanceViewModel(QObject* parent)
    : QObject(parent), worker_({.name = "ui/maintenance"}, base::systemClock())
{
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &MaintenanceViewModel::tick);
    worker_.start([this](std::stop_token) {
        std::deque<std::function<void()>> jobs;
        {
            std::lock_guard lock(jobsMutex_);
            jobs.swap(jobs_);
        }
        for (auto& job : jobs)
            job();
        return base::Worker::idle;
    });
}

MaintenanceViewModel::~MaintenanceViewModel()
{
    worker_.stop();
}

void MaintenanceViewModel::setAccess(core::MaintenanceAccess* access)
{
    if (access_ != nullptr && access == nullptr)
        close();
    access_ = access;
}

bool MaintenanceViewModel::codeAccepted() const
{
    return access_ != nullptr && access_->available() && !access_->lockedFor();
}

void MaintenanceViewModel::setState(const QString& state)
{
    state_ = state;
    if (state_ == QLatin1String("closed"))
        ticker_.stop();
    else
        ticker_.start();
}

void MaintenanceViewModel::showLock()
{
    if (access_ == nullptr)
        return;
    if (!access_->available())
        message_ =
            MaintenanceViewModel::tr("本机未配置维护验证码（[maintenance] totp_secret_file）");
    else if (auto left = access_->lockedFor()) {
        message_ = minutesText(*left);
        lockShown_ = true;
    } else if (std::exchange(lockShown_, false)) // the lock is over: ask for the code again
        message_ = MaintenanceViewModel::tr("请输入维护验证码");
}

void MaintenanceViewModel::requestAccess()
{
    if (access_ == nullptr || state_ != QLatin1String("closed"))
        return;
    access_->requested();
    message_ = MaintenanceViewModel::tr("请输入维护验证码");
    showLock();
    setState(QStringLiteral("login"));
    emit changed();
}

void MaintenanceViewModel::cancel()
{
    if (state_ != QLatin1String("login"))
        return;
    access_->cancelled();
    close();
}

void MaintenanceViewModel::submitCode(const QString& code)
{
    if (access_ == nullptr || state_ != QLatin1String("login"))
        return;
    using Outcome = core::CodeResult::Outcome;
    const auto result = access_->submitCode(code.toStdString());
    switch (result.outcome) {
    case Outcome::Granted:
        message_.clear();
        actionResult_.clear();
        setState(QStringLiteral("open"));
        refresh();
        return;
    case Outcome::Wrong:
        message_ =
            MaintenanceViewModel::tr("验证码不正确，还可尝试 %1 次").arg(result.attemptsLeft);
        break;
    case Outcome::Locked:
        message_ = minutesText(result.lockedFor);
        lockShown_ = true;
        break;
    case Outcome::Unavailable:
        showLock();
        break;
    }
    emit changed();
}

void MaintenanceViewModel::logout()
{
    if (state_ != QLatin1String("open"))
        return;
    access_->logout("technician");
    close();
}

void MaintenanceViewModel::close()
{
    setState(QStringLiteral("closed"));
    message_.clear();
    actionResult_.clear();
    devices_.clear();
    diagnostics_.clear();
    queueKnown_ = false;
    emit changed();
}

void MaintenanceViewModel::touched()
{
    if (access_ != nullptr)
        access_->touched();
}

void MaintenanceViewModel::tick()
{
    if (access_ == nullptr)
        return;
    if (state_ == QLatin1String("open") && access_->endIfIdle()) {
        close();
        return;
    }
    if (state_ == QLatin1String("login")) {
        const QString before = message_;
        showLock();
        if (message_ != before)
            emit changed();
    }
}

void MaintenanceViewModel::refresh()
{
    if (access_ == nullptr || !access_->active())
        return;
    const auto shown = access_->snapshot();
    devices_.clear();
    for (const auto& device : shown.devices)
        devices_.append(QVariantMap{
            {"name", deviceName(device.deviceClass)},
            {"state", stateText(device.state)},
            {"health", healthText(device.health)},
            {"detail", QString::fromStdString(device.detail)},
            {"ok", device.health == hal::Health::Ok && (device.state == hal::DeviceState::Ready ||
                                                        device.state == hal::DeviceState::Busy)}});
    queueKnown_ = shown.queue.has_value();
    if (shown.queue) {
        queuePending_ = static_cast<int>(shown.queue->pending);
        queueDelivered_ = static_cast<int>(shown.queue->delivered);
        queueDeadLetters_ = static_cast<int>(shown.queue->deadLetter);
        queueOldestAgeS_ = static_cast<int>(shown.queue->oldestPendingAgeS);
    }
    catalogVersion_ = QString::number(shown.catalogVersion);
    network_ = networkText(shown.linkState);
    diagnostics_.clear();
    for (const auto& diagnostic : access_->diagnostics())
        diagnostics_.append(QVariantMap{{"id", QString::fromStdString(diagnostic.id)},
                                        {"label", QString::fromStdString(diagnostic.label)}});
    emit changed();
}

void MaintenanceViewModel::retryDeadLetters()
{
    runAction("retry_dead_letters");
}

void MaintenanceViewModel::runDiagnostic(const QString& id)
{
    runAction(id.toStdString());
}

void MaintenanceViewModel::runAction(const std::string& id)
{
    if (access_ == nullptr || state_ != QLatin1String("open") || busy_)
        return;
    auto pending = access_->beginAction(id);
    if (!pending) {
        actionResult_ = MaintenanceViewModel::tr("不能执行：%1")
                            .arg(QString::fromStdString(pending.error().message));
        emit changed();
        return;
    }
    busy_ = true;
    actionResult_ = MaintenanceViewModel::tr("正在执行…");
    emit changed();
    std::lock_guard lock(jobsMutex_);
    jobs_.push_back([this, action = std::move(*pending)] {
        auto outcome = action.work();
        // Back on the GUI thread; dropped if the view-model is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, id = action.id, outcome = std::move(outcome)] {
                busy_ = false;
                if (access_ != nullptr)
                    access_->finishAction(id, outcome);
                actionResult_ = outcome ? QString::fromStdString(outcome->text)
                                        : MaintenanceViewModel::tr("失败：%1")
                                              .arg(QString::fromStdString(outcome.error().message));
                refresh();
                emit changed();
            },
            Qt::QueuedConnection);
    });
    worker_.trigger();
}

} // namespace kiosk::ui
