// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/journey.h"
#include "base/citizen_text.h"
#include "kiosk/core/citizen_words.h"

#include "base/json_reader.h"
#include "base/log.h"
#include "base/secure_buffer.h"
#include "hal/errc.h"
#include "hal/id_number.h"
#include "offline_queue/store.h"

#include <algorithm>
#include <array>

namespace kiosk::core {

namespace {

constexpr auto journeyLog = "journey";

using S = SessionState;
using E = SessionEvent;

/// What the citizen reads when the queue cannot be used at all (not opened yet, or broken).
constexpr std::string_view noQueueMessage =
    base::CitizenText::tr("本机暂时无法受理申请，请到服务窗口办理，给您带来不便，敬请谅解。");

/// A case that will not be stored: its form and its photos are zeroed.
void wipeCase(queue::CaseInput& input)
{
    base::json::wipe(input.body);
    for (auto& material : input.materials)
        base::secureZero(material.bytes);
}

} // namespace

bool canApplyAtKiosk(const CatalogItem& item)
{
    return item.kind == ItemKind::Apply && !item.form.fields.empty();
}

std::string_view toString(ReceiptState state)
{
    switch (state) {
    case ReceiptState::None:
        return "none";
    case ReceiptState::Printing:
        return "printing";
    case ReceiptState::Printed:
        return "printed";
    case ReceiptState::Failed:
        return "failed";
    case ReceiptState::NoPrinter:
        return "no_printer";
    }
    return "none";
}

Journey::Journey(const base::Clock& clock, JourneyOptions options, PostToOwner post)
    : clock_(clock), options_(std::move(options)), post_(std::move(post)), lastTouch_(clock.now()),
      ioWorker_({"journey/io"}, clock)
{
    // Storing the case and printing are I/O of milliseconds to seconds: on a worker of its own,
    // woken for each job; the outcome comes back to the owner thread through post_.
    ioWorker_.start(
        [jobs = prints_, post = post_, alive = std::weak_ptr<bool>(alive_), this](std::stop_token) {
            std::optional<std::pair<std::uint64_t, queue::CaseInput>> save;
            queue::Store* store = nullptr;
            std::shared_ptr<hal::ReceiptPrinter> printer;
            std::optional<std::pair<std::uint64_t, hal::Receipt>> job;
            {
                std::lock_guard lock(jobs->mutex);
                save.swap(jobs->save);
                store = jobs->store;
                printer = jobs->printer;
                job.swap(jobs->job);
            }
            if (save && store != nullptr) {
                // enqueueCase wipes the body once it is sealed.
                auto stored = store->enqueueCase(std::move(save->second));
                post([alive, this, generation = save->first, stored = std::move(stored)]() mutable {
                    if (!alive.expired()) // the journey went while the answer travelled
                        saved(generation, std::move(stored));
                });
            } else if (save) {
                wipeCase(save->second);
            }
            if (job && printer) {
                auto outcome = printer->print(job->second);
                post(
                    [alive, this, generation = job->first, outcome = std::move(outcome)]() mutable {
                        if (!alive.expired())
                            printed(generation, std::move(outcome));
                    });
            }
            return base::Worker::idle;
        },
        base::Worker::idle);
}

Journey::~Journey()
{
    ioWorker_.stop();
    alive_.reset();
    wipe();
    std::lock_guard lock(prints_->mutex);
    if (prints_->save) // the worker stopped before it stored the case: its form goes now
        wipeCase(prints_->save->second);
}

void Journey::setStore(queue::Store* store)
{
    store_ = store;
    std::lock_guard lock(prints_->mutex);
    prints_->store = store;
}

void Journey::setPrinter(std::shared_ptr<hal::ReceiptPrinter> printer)
{
    std::lock_guard lock(prints_->mutex);
    prints_->printer = std::move(printer);
}

base::Result<void> Journey::apply(SessionEvent event, const std::function<void()>& then)
{
    auto moved = session_.handle(event);
    if (!moved)
        return base::fail(moved.error());
    if (then)
        then();
    message_.clear();
    idleWarning_ = false;
    lastTouch_ = clock_.now();
    notify();
    return {};
}

void Journey::setHelpOpen(bool open)
{
    if (open == helpOpen_)
        return;
    helpOpen_ = open;
    touched(); // opened: the citizen just pressed help; closed: staff are here now
}

std::chrono::seconds Journey::idleTimeout() const
{
    return unhurried(helpOpen_ ? std::max(options_.idleTimeout, options_.helpWait)
                               : options_.idleTimeout);
}

std::chrono::seconds Journey::unhurried(std::chrono::seconds timeout) const
{
    return preferences_.elder ? 2 * timeout : timeout;
}

std::span<const std::string_view> uiLanguages()
{
    static constexpr std::array<std::string_view, 2> languages{ServingPreferences::defaultLanguage,
                                                               "en_US"};
    return languages;
}

void Journey::setElderMode(bool on)
{
    preferences_.elder = on;
    preferencesChanged();
}

void Journey::setVoice(bool on)
{
    preferences_.voice = on;
    preferencesChanged();
}

base::Result<void> Journey::setLanguage(std::string_view language)
{
    if (std::ranges::find(uiLanguages(), language) == uiLanguages().end())
        return base::fail(ApplicationErrc::unknown_language,
                          "no UI translation for " + std::string(language));
    preferences_.language = language;
    preferencesChanged();
    return {};
}

void Journey::preferencesChanged()
{
    lastTouch_ = clock_.now();
    idleWarning_ = false;
    notify();
}

int Journey::secondsLeft() const
{
    const auto left = idleTimeout() - (clock_.now() - lastTouch_);
    return static_cast<int>(
        std::max<std::int64_t>(0, std::chrono::ceil<std::chrono::seconds>(left).count()));
}

base::Result<void> Journey::chooseItem(std::shared_ptr<const CatalogSnapshot> snapshot,
                                       const std::string& code)
{
    if (!snapshot)
        return base::fail(ApplicationErrc::unknown_item, "no catalog");
    const auto* item = snapshot->findEnabled(code);
    if (item == nullptr)
        return base::fail(ApplicationErrc::unknown_item, "unknown item " + code);
    const bool fromSearch = state() == S::Searching || (state() == S::Browsing && fromSearch_);
    return apply(E::ChooseItem, [&] {
        snapshot_ = std::move(snapshot);
        item_ = item;
        fromSearch_ = fromSearch;
        session_.setItemCode(code);
    });
}

base::Result<void> Journey::openSearch()
{
    return apply(E::OpenSearch);
}

base::Result<void> Journey::back()
{
    // The materials step sits between the form and the confirmation (when it applies).
    if (state() == S::Photographing)
        return apply(E::Back, [this] { materials_.pause(); });
    if (state() == S::Confirming && item_ != nullptr && materials_.appliesTo(*item_))
        return apply(E::TakePhotos, [this] { materials_.begin(*item_); });
    if (state() == S::PrintingDocument && isBusy(certificates_->status()))
        return base::fail(SessionErrc::invalid_transition, "the certificate is being printed");
    if (state() == S::Browsing && fromSearch_)
        return apply(E::OpenSearch, [this] {
            item_ = nullptr;
            session_.setItemCode({});
        });
    return apply(E::Back, [this] {
        if (state() == S::Idle) {
            wipe();
        } else if (state() == S::Browsing) {
            // Back to the guide: who the citizen is and what they typed go with it.
            session_.forgetCitizen();
            progress_->clear();
            certificates_->clear();
            identifiedBy_ = IdentifiedBy::None;
            problems_.clear();
        }
    });
}

base::Result<void> Journey::startApplying()
{
    if (item_ == nullptr || flowOf(*item_) == ItemFlow::Counter)
        return base::fail(ApplicationErrc::unknown_item, "the item takes no application here");
    if (item_->online == OnlineMode::Required && !platformReachable_) {
        message_ = offlineMessage(flowOf(*item_));
        notify();
        return base::fail(ApplicationErrc::not_submitted, "the item needs the platform");
    }
    return apply(E::StartApplying);
}

base::Result<void> Journey::enterManually()
{
    problems_.clear();
    return apply(E::EnterManually);
}

base::Result<void> Journey::identifyManually(const std::string& name, const std::string& idNumber)
{
    if (state() != S::EnteringIdentity)
        return base::fail(SessionErrc::invalid_transition, "not entering an identity");
    problems_.clear();
    if (name.empty())
        problems_.push_back({"name", base::CitizenText::tr("请填写姓名")});
    if (!hal::hasValidIdNumberChecksum(idNumber))
        problems_.push_back(
            {"idNumber", base::CitizenText::tr("身份证号码不正确，请核对后重新输入")});
    if (!problems_.empty()) {
        notify();
        return base::fail(ApplicationErrc::not_identified, "the identity entry has problems");
    }
    hal::CardData typed;
    typed.type = hal::CardType::Resident;
    typed.name = name;
    typed.idNumber = idNumber;
    identify(std::move(typed), IdentifiedBy::Manual);
    return {};
}

void Journey::cardRead(hal::CardData card)
{
    switch (state()) {
    case S::Identifying:
        identify(std::move(card), IdentifiedBy::Card);
        return;
    case S::EnteringIdentity:
        identify(std::move(card), IdentifiedBy::Card); // the card beats typing
        return;
    case S::FillingForm:
    case S::Photographing:
    case S::Confirming:
    case S::Submitted:
    case S::Rating:
    case S::Finished:
    case S::LookingUp:
    case S::PrintingDocument:
        // The same card put back changes nothing; another person's card means the one we
        // served has gone: their data must not stay on screen for the next.
        if (session_.card() && session_.card()->idNumber == card.idNumber)
            return;
        base::log::info(journeyLog, "a card of another person: the session ends");
        end();
        return;
    default:
        return; // no card is asked for on the home, search and guide screens
    }
}

void Journey::cardReadFailed(const base::Error& error)
{
    if (state() != S::Identifying)
        return;
    message_ =
        error.code == hal::errc::no_device || error.code == hal::errc::not_open
            ? base::CitizenText::tr(
                  "读卡器暂时不能使用。您可以手工输入身份信息，或到服务窗口办理。")
            : base::CitizenText::tr(
                  "没有读到身份证，请把身份证平放在读卡区，不要移动。也可以手工输入身份信息。");
    notify();
}

void Journey::codeRefused(const std::string& message)
{
    // Also where a receipt's QR is taken (a bad or foreign code there is told, not ignored).
    if (state() != S::Identifying && !takesReceiptScan(state()))
        return;
    message_ = message;
    notify();
}

base::Result<void> Journey::identifyByCode(hal::CardData identity)
{
    if (state() != S::Identifying)
        return base::fail(SessionErrc::invalid_transition, "not identifying");
    identify(std::move(identity), IdentifiedBy::Code);
    return {};
}

void Journey::identify(hal::CardData card, IdentifiedBy by)
{
    if (const auto flow = flowOf(*item_); flow != ItemFlow::Application) {
        identifyForService(std::move(card), by, flow);
        return;
    }
    (void)apply(E::Identified, [&] {
        auto prefill = prefillFromCard(*item_, card);
        for (auto& [field, value] : prefill) {
            session_.setFormValue(field, value);
            base::secureZero(value); // the copies die with the map: zero them first
        }
        session_.setCard(std::move(card));
        identifiedBy_ = by;
        problems_.clear();
    });
}

void Journey::setField(const std::string& fieldId, const std::string& value)
{
    if (state() != S::FillingForm || item_ == nullptr)
        return;
    const auto& fields = item_->form.fields;
    const auto field = std::ranges::find(fields, fieldId, &FormField::id);
    if (field == fields.end())
        return;
    session_.setFormValue(fieldId, value);
    std::erase_if(problems_, [&](const FieldProblem& p) { return p.fieldId == fieldId; });
    if (auto problem = checkFormField(*field, value); problem && !value.empty())
        problems_.push_back(std::move(*problem)); // an empty field is told at completion
    touched();
    notify();
}

base::Result<void> Journey::completeForm()
{
    if (state() != S::FillingForm)
        return base::fail(SessionErrc::invalid_transition, "not filling the form");
    problems_ = validateForm(*item_, session_.form());
    if (!problems_.empty()) {
        message_ = base::CitizenText::tr("请按提示修改标红的内容");
        notify();
        return base::fail(ApplicationErrc::invalid_form, "the form has problems");
    }
    if (materials_.appliesTo(*item_))
        return apply(E::TakePhotos, [this] { materials_.begin(*item_); });
    return apply(E::FormCompleted);
}

/// Runs one of the materials step's actions while it is on screen, then shows the outcome.
template <typename Action> base::Result<void> Journey::onMaterials(Action action)
{
    if (state() != S::Photographing)
        return base::fail(SessionErrc::invalid_transition, "not photographing the materials");
    auto done = action();
    touched();
    notify();
    return done;
}

base::Result<void> Journey::capturePhoto()
{
    return onMaterials([this] { return materials_.capture(); });
}

base::Result<void> Journey::retakePhoto()
{
    return onMaterials([this] { return materials_.retake(); });
}

base::Result<void> Journey::nextMaterial()
{
    return onMaterials([this] { return materials_.next(); });
}

base::Result<void> Journey::skipMaterial()
{
    return onMaterials([this] { return materials_.skip(); });
}

base::Result<void> Journey::selectMaterial(std::size_t index)
{
    return onMaterials([this, index] { return materials_.select(index); });
}

base::Result<void> Journey::finishMaterials()
{
    if (state() == S::Photographing && !materials_.complete()) {
        message_ = base::CitizenText::tr("还有材料没有拍摄，请逐份拍照（非必需的材料可以跳过）。");
        notify();
        return base::fail(ApplicationErrc::invalid_form, "materials without a photo");
    }
    return apply(E::MaterialsDone, [this] { materials_.pause(); });
}

base::Result<void> Journey::confirm()
{
    if (state() != S::Confirming)
        return base::fail(SessionErrc::invalid_transition, "not confirming");
    if (store_ == nullptr) {
        message_ = noQueueMessage;
        notify();
        return base::fail(ApplicationErrc::not_submitted, "the queue is not open");
    }
    if (saving_)
        return base::fail(SessionErrc::invalid_transition, "already being stored");
    ApplicationService service(*catalog(), *store_, options_.kioskId, clock_);
    auto input = service.prepare(session_);
    if (!input) {
        message_ = input.error().code == ApplicationErrc::unknown_item
                       ? std::string(noQueueMessage)
                       : input.error().message; // worded for the citizen
        notify();
        return base::fail(input.error());
    }
    {
        std::lock_guard lock(prints_->mutex);
        prints_->save.emplace(generation_, std::move(*input));
    }
    saving_ = true;
    touched();
    notify();
    ioWorker_.trigger();
    return {};
}

void Journey::saved(std::uint64_t generation, base::Result<queue::SubmissionRef> stored)
{
    if (generation != generation_ || state() != S::Confirming)
        return; // that session has ended (the case is kept and will be delivered)
    saving_ = false;
    auto accepted = ApplicationService::accepted(session_, std::move(stored));
    if (!accepted) {
        // The queue refuses only when it cannot keep the case (full disk, broken store): the
        // citizen is sent to a counter in plain words, and nothing pretends to be submitted.
        message_ = accepted.error().code == queue::QueueErrc::full ? std::string(storeFullMessage)
                                                                   : std::string(noQueueMessage);
        notify();
        return;
    }
    caseNo_.clear();
    caseRecordId_ = accepted->caseRecordId;
    if (apply(E::Confirmed))
        startPrinting();
}

void Journey::startPrinting()
{
    ReceiptFacts facts{caseNo_, {}};
    for (const auto& material : item_->guide.materials)
        if (material.required)
            facts.materials.push_back(material.name);
    auto receipt =
        buildReceipt(*catalog(), *item_, session_, options_.receipt, facts, clock_.now());
    {
        std::lock_guard lock(prints_->mutex);
        if (!prints_->printer) {
            receiptState_ = ReceiptState::NoPrinter;
            message_ = base::CitizenText::tr(
                "本机没有回执打印机，请用手机拍下屏幕上的二维码，凭它查询办理进度");
            notify();
            return;
        }
        prints_->job.emplace(generation_, std::move(receipt));
    }
    receiptState_ = ReceiptState::Printing;
    notify();
    ioWorker_.trigger();
}

void Journey::printed(std::uint64_t generation, base::Result<void> outcome)
{
    if (generation != generation_ || state() != S::Submitted)
        return; // that session has ended: nothing of it is shown any more
    if (outcome) {
        receiptState_ = ReceiptState::Printed;
        message_.clear();
    } else {
        receiptState_ = ReceiptState::Failed;
        message_ = base::CitizenText::format(words::receiptNotPrinted,
                                             {receiptPrintMessage(outcome.error())});
        base::log::warning(journeyLog, "receipt not printed: " + outcome.error().describe());
    }
    notify();
}

void Journey::reprint()
{
    if (state() != S::Submitted || receiptState_ == ReceiptState::Printing)
        return;
    touched();
    startPrinting();
}

std::string Journey::receiptQrText() const
{
    if (session_.submissionId().empty())
        return {};
    return receiptUrl(options_.receipt.qrUrlTemplate,
                      caseNo_.empty() ? session_.submissionId() : caseNo_);
}

base::Result<void> Journey::toRating()
{
    if (auto moved = apply(E::ReceiptPrinted); !moved)
        return moved;
    beginRating();
    return {};
}

void Journey::beginRating()
{
    ratingPlace_ = RatingPlace::Screen;
    ratingLevel_.reset();
    if (!tablet_ || store_ == nullptr)
        return; // no tablet: the screen asks, as it shows now
    auto run = std::make_unique<RatingRun>();
    run->service =
        std::make_unique<ApplicationService>(*catalog(), *store_, options_.kioskId, clock_);
    run->flow = std::make_unique<RatingFlow>(*run->service, *catalog(), tablet_);
    // Each signal is posted to the owner thread, tagged with this session: an answer from the
    // tablet after the session ended is dropped there.
    auto later = [post = post_, alive = std::weak_ptr<bool>(alive_),
                  generation = generation_](auto handle) {
        post([alive, generation, handle = std::move(handle)] {
            if (!alive.expired())
                handle(generation);
        });
    };
    run->connections.push_back(
        run->flow->screenPrompt.connect([this, later](const ScreenRatingPrompt& prompt) {
            later([this, prompt](std::uint64_t g) { ratingMovedToScreen(g, prompt); });
        }));
    run->connections.push_back(run->flow->stored.connect([this, later](const RatingStored&) {
        later([this](std::uint64_t g) { ratingStoredByTablet(g); });
    }));
    run->connections.push_back(run->flow->timedOut.connect([this, later](const std::string&) {
        later([this](std::uint64_t g) { ratingTimedOut(g); });
    }));
    auto place = run->flow->begin(session_.submissionId(), *item_);
    if (!place) {
        base::log::info(journeyLog, "rating on the screen: " + place.error().describe());
        return;
    }
    ratingPlace_ = *place;
    if (ratingPlace_ == RatingPlace::Tablet)
        rating_ = std::move(run); // kept for the tablet's answer; the screen path needs none
    notify();
}

void Journey::ratingMovedToScreen(std::uint64_t generation, const ScreenRatingPrompt& prompt)
{
    if (generation != generation_ || state() != S::Rating || ratingPlace_ != RatingPlace::Tablet)
        return;
    ratingPlace_ = RatingPlace::Screen;
    ratingLevel_ = prompt.level;
    switch (prompt.why) {
    case ScreenReason::ReasonRequired:
        message_ = base::CitizenText::tr("请在屏幕上选择不满意的原因");
        break;
    case ScreenReason::TabletLost:
    case ScreenReason::TabletRefused:
        message_ = base::CitizenText::tr("评价器暂时不能使用，请在屏幕上评价");
        break;
    case ScreenReason::NoTablet:
        break;
    }
    notify();
}

void Journey::ratingStoredByTablet(std::uint64_t generation)
{
    if (generation != generation_ || state() != S::Rating)
        return;
    rating_.reset();
    (void)apply(E::Rated);
}

void Journey::ratingTimedOut(std::uint64_t generation)
{
    if (generation != generation_ || state() != S::Rating || ratingPlace_ != RatingPlace::Tablet)
        return;
    // Nobody rated on the tablet: the citizen may have left. The receipt's QR allows a later
    // rating; the platform gives its default rating after 5 days.
    rating_.reset();
    (void)apply(E::SkipRating);
}

void Journey::rateOnScreenInstead()
{
    if (state() != S::Rating || ratingPlace_ != RatingPlace::Tablet)
        return;
    stopRating();
    ratingPlace_ = RatingPlace::Screen;
    touched();
    notify();
}

void Journey::stopRating()
{
    if (rating_)
        rating_->flow->abandon(); // the tablet's prompt is withdrawn (never waits on it)
    rating_.reset();
}

base::Result<void> Journey::rate(int level, const std::vector<std::string>& reasons)
{
    if (state() != S::Rating || store_ == nullptr)
        return base::fail(SessionErrc::invalid_transition, "not rating");
    if (ratingPlace_ == RatingPlace::Tablet) {
        // Rated on the screen while the tablet still asked: the tablet's prompt goes, so the
        // case cannot be rated twice.
        stopRating();
        ratingPlace_ = RatingPlace::Screen;
    }
    if (rating_ && ratingPlace_ == RatingPlace::Screen)
        return rateThroughFlow(level, reasons);
    hal::Rating rating;
    rating.level = level;
    rating.reasons = reasons;
    if (auto problems = validateRating(*catalog(), rating); !problems.empty()) {
        message_ = problems.front();
        notify();
        return base::fail(ApplicationErrc::invalid_rating, "the rating has problems");
    }
    ApplicationService service(*catalog(), *store_, options_.kioskId, clock_);
    if (auto stored = service.rate(session_, rating, "kiosk"); !stored) {
        message_ = stored.error().code == ApplicationErrc::already_rated
                       ? base::CitizenText::tr("这件申请已经评价过了，感谢您的参与")
                       : base::CitizenText::tr("评价暂时无法保存，感谢您的参与");
        notify();
        return base::fail(stored.error());
    }
    return apply(E::Rated);
}

base::Result<void> Journey::rateThroughFlow(int level, const std::vector<std::string>& reasons)
{
    // A key evaluator's level stands; the screen added the reasons.
    hal::Rating rating{ratingLevel_.value_or(level), reasons, ""};
    if (auto problems = validateRating(*catalog(), rating); !problems.empty()) {
        message_ = problems.front();
        notify();
        return base::fail(ApplicationErrc::invalid_rating, "the rating has problems");
    }
    if (auto stored = rating_->flow->rateOnScreen(rating); !stored) {
        message_ = base::CitizenText::tr("评价暂时无法保存，感谢您的参与");
        notify();
        return base::fail(stored.error());
    }
    rating_.reset();
    return apply(E::Rated);
}

base::Result<void> Journey::skipRating()
{
    if (state() == S::Rating)
        stopRating();
    return apply(E::SkipRating);
}

void Journey::end()
{
    (void)session_.handle(E::End);
    wipe();
    // Not in wipe(): back home from a guide, the same citizen is still there.
    preferences_ = {};
    lastTouch_ = clock_.now();
    notify();
}

void Journey::wipe()
{
    ++generation_;
    stopRating();
    ratingPlace_ = RatingPlace::None;
    ratingLevel_.reset();
    receiptCase_.reset();
    // Back home without End (from a guide, or a receipt's case): the case and item go too.
    session_.setSubmissionId({});
    session_.setItemCode({});
    {
        std::lock_guard lock(prints_->mutex);
        prints_->job.reset(); // a receipt not yet printed names the citizen (masked)
        // A case confirmed but not yet stored stays with the worker: the citizen confirmed it,
        // and enqueueCase wipes its body once sealed.
    }
    materials_.reset();
    progress_->clear();
    certificates_->clear();
    snapshot_.reset();
    item_ = nullptr;
    fromSearch_ = false;
    identifiedBy_ = IdentifiedBy::None;
    problems_.clear();
    problems_.shrink_to_fit();
    caseNo_.clear();
    caseRecordId_ = 0;
    message_.clear();
    receiptState_ = ReceiptState::None;
    saving_ = false;
    idleWarning_ = false;
}

void Journey::touched()
{
    lastTouch_ = clock_.now();
    if (idleWarning_) {
        idleWarning_ = false;
        notify();
    }
}

void Journey::tick()
{
    const auto quiet = clock_.now() - lastTouch_;
    if (state() == S::Idle) {
        // 长辈版 or English chosen on the home screen by someone who then left: the next
        // citizen starts with the defaults.
        if (!preferences_.isDefault() && quiet >= idleTimeout())
            end();
        return;
    }
    if (state() == S::Finished && quiet >= unhurried(options_.finishedFor)) {
        end();
        return;
    }
    if (quiet >= idleTimeout()) {
        base::log::info(journeyLog, helpOpen_ ? "nobody touched the screen while waiting for "
                                                "staff: the session ends"
                                              : "idle timeout: the session ends");
        end();
        return;
    }
    const bool warn = quiet >= idleTimeout() - unhurried(options_.warnBefore);
    if (warn || idleWarning_) {
        idleWarning_ = warn;
        notify(); // the prompt counts down
    }
}

void Journey::caseDelivered(const std::string& submissionId, const std::string& caseNo)
{
    if (submissionId.empty() || submissionId != session_.submissionId())
        return;
    caseNo_ = caseNo;
    notify();
}

} // namespace kiosk::core
