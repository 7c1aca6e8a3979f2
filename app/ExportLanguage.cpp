#include "app/ExportLanguage.h"

#include <QCoreApplication>

namespace vizor::app {

namespace {

// English is the source language: answering every lookup with the source text stops Qt
// from falling through to an Italian catalogue the window may have installed.
class SourceLanguage final : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char*, const char* sourceText, const char*, int) const override {
        return QString::fromUtf8(sourceText);
    }
};

} // namespace

ExportLanguage::ExportLanguage(lesson::Language language) {
    if (language == lesson::Language::Italian) {
        auto catalogue = std::make_unique<QTranslator>();
        if (catalogue->load(QStringLiteral(":/i18n/vizor_it.qm")))
            translator_ = std::move(catalogue);
    } else {
        translator_ = std::make_unique<SourceLanguage>();
    }
    if (translator_) QCoreApplication::installTranslator(translator_.get());
}

ExportLanguage::~ExportLanguage() {
    if (translator_) QCoreApplication::removeTranslator(translator_.get());
}

} // namespace vizor::app
