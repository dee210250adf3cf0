// SPDX-License-Identifier: Apache-2.0
// The Qt Quick Test runner of tests/qml/quick/tst_*.qml: the screens get the real
// view-models over the fixture catalog as the context property `fixtureCatalog`.
#include "kiosk/core/catalog.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <cstdio>
#include <cstdlib>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

kiosk::core::Catalog loadFixture()
{
    auto catalog = kiosk::core::loadCatalogFile(KIOSK_FIXTURE_CATALOG);
    if (!catalog) {
        std::fprintf(stderr, "fixture catalog: %s\n", catalog.error().describe().c_str());
        std::exit(EXIT_FAILURE);
    }
    return std::move(*catalog);
}

} // namespace

class Setup : public QObject {
    Q_OBJECT

public:
    Setup() { viewModel_.setCatalog(&catalog_); }

public slots:
    void applicationAvailable()
    {
        if (!kiosk::ui::useChineseFont())
            qWarning("WenQuanYi Micro Hei is not installed; text metrics will differ");
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath("qrc:/qt/qml");
        engine->rootContext()->setContextProperty("fixtureCatalog", &viewModel_);
    }

private:
    kiosk::core::Catalog catalog_ = loadFixture();
    kiosk::ui::CatalogViewModel viewModel_;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_ui, Setup)

#include "quick_test_main.moc"
