#include "app/AppSettings.h"

#include <QJsonDocument>
#include <QSettings>
#include <QStringList>

namespace vizor::app {

namespace {

const QString kTheme = QStringLiteral("view/theme");
const QString kLanguage = QStringLiteral("view/language");
const QString kReduceMotion = QStringLiteral("view/reduceMotion");
const QString kSpeed = QStringLiteral("debug/speedPosition");
const QString kSigned = QStringLiteral("registers/signedDecimal");
const QString kScenario = QStringLiteral("debug/scenario"); // JSON, as in sessions

// QSettings hands back strings from an INI file: parse them strictly.
bool readBool(const QSettings& s, const QString& key, bool fallback) {
    const QString v = s.value(key).toString().trimmed().toLower();
    if (v == QLatin1String("true") || v == QLatin1String("1")) return true;
    if (v == QLatin1String("false") || v == QLatin1String("0")) return false;
    return fallback;
}

} // namespace

QString themeName(Theme theme) {
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    default:
        return QStringLiteral("system");
    }
}

AppSettings AppSettings::load() {
    const QSettings s;
    AppSettings a;
    const QString theme = s.value(kTheme).toString();
    for (Theme t : {Theme::System, Theme::Light, Theme::Dark})
        if (theme == themeName(t)) a.theme = t;
    const QString language = s.value(kLanguage).toString();
    if (QStringList{QStringLiteral("en"), QStringLiteral("it")}.contains(language))
        a.language = language;
    a.reduceMotion = readBool(s, kReduceMotion, a.reduceMotion);
    bool ok = false;
    const int speed = s.value(kSpeed).toString().toInt(&ok);
    if (ok && speed >= 0 && speed <= 100) a.speedPosition = speed;
    a.signedDecimal = readBool(s, kSigned, a.signedDecimal);
    a.scenario = Scenario::fromJson(
        QJsonDocument::fromJson(s.value(kScenario).toString().toUtf8()).object());
    return a;
}

void AppSettings::save() const {
    QSettings s;
    s.setValue(kTheme, themeName(theme));
    s.setValue(kLanguage, language);
    s.setValue(kReduceMotion, reduceMotion);
    s.setValue(kSpeed, speedPosition);
    s.setValue(kSigned, signedDecimal);
}

void AppSettings::saveScenario(const Scenario& scenario) {
    QSettings s;
    s.setValue(kScenario,
               QString::fromUtf8(QJsonDocument(scenario.toJson()).toJson(QJsonDocument::Compact)));
}

} // namespace vizor::app
