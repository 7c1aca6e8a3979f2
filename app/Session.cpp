#include "app/Session.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace vizor::app {

namespace {
constexpr qint64 kChunk = 1 << 20;
}

QByteArray Session::toJson() const {
    QJsonArray lines, watches;
    for (int line : breakpointLines)
        lines.append(line);
    for (quint32 w : watchpoints)
        watches.append(static_cast<qint64>(w));
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("vizor-session");
    o[QStringLiteral("version")] = kVersion;
    o[QStringLiteral("fileName")] = fileName;
    o[QStringLiteral("program")] = programText;
    o[QStringLiteral("breakpointLines")] = lines;
    o[QStringLiteral("watchpoints")] = watches;
    o[QStringLiteral("watchpointsVirtual")] = watchpointsVirtual;
    // 64-bit values as strings: JSON numbers are doubles and lose bits above 2^53.
    o[QStringLiteral("eventBreakpoints")] = QString::number(eventBreakpoints);
    o[QStringLiteral("position")] = QString::number(position);
    o[QStringLiteral("scenario")] = scenario.toJson();
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

std::optional<Session> Session::fromJson(const QByteArray& json, QString* error) {
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    const QJsonObject o = doc.object();
    if (parse.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error) *error = parse.errorString();
        return std::nullopt;
    }
    if (o.value(QStringLiteral("format")).toString() != QLatin1String("vizor-session") ||
        o.value(QStringLiteral("version")).toInt() != kVersion) {
        if (error) *error = QStringLiteral("not a Vizor session of version %1").arg(kVersion);
        return std::nullopt;
    }
    Session s;
    s.fileName = o.value(QStringLiteral("fileName")).toString();
    s.programText = o.value(QStringLiteral("program")).toString();
    for (const QJsonValue v : o.value(QStringLiteral("breakpointLines")).toArray())
        if (v.toInt() > 0) s.breakpointLines.append(v.toInt());
    // Aligned word addresses only, as the window's watch list makes them: anything else
    // (a negative, fractional, too large or misaligned number in a hand-edited file) was
    // never a watchpoint and is dropped rather than truncated into one.
    for (const QJsonValue v : o.value(QStringLiteral("watchpoints")).toArray())
        if (const qint64 w = v.toInteger(-1); w >= 0 && w <= 0xffffffffLL && (w & 3) == 0)
            s.watchpoints.append(static_cast<quint32>(w));
    s.watchpointsVirtual = o.value(QStringLiteral("watchpointsVirtual")).toBool();
    s.eventBreakpoints = o.value(QStringLiteral("eventBreakpoints")).toString().toULongLong();
    s.position = o.value(QStringLiteral("position")).toString().toULongLong();
    s.scenario = Scenario::fromJson(o.value(QStringLiteral("scenario")).toObject());
    return s;
}

bool Session::save(const QString& path, QString* error,
                   const std::function<void(qint64)>& progress) const {
    const QByteArray bytes = toJson();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = file.errorString();
        return false;
    }
    for (qint64 at = 0; at < bytes.size(); at += kChunk) {
        const qint64 n = std::min(kChunk, bytes.size() - at);
        if (file.write(bytes.constData() + at, n) != n) {
            if (error) *error = file.errorString();
            file.cancelWriting();
            return false;
        }
        if (progress) progress(at + n);
    }
    if (!file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

std::optional<Session> Session::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return std::nullopt;
    }
    return fromJson(file.readAll(), error);
}

} // namespace vizor::app
