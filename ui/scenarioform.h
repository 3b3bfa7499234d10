#pragma once

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QStackedWidget;
struct ScenarioSpec;

// The Send panel's scenario and its parameters: once; the same event N times
// (same token or re-signed); a shuffled burst of K events for one entity; an
// entity's lifecycle with N updates; and for all of them Wix's retry schedule
// (time-scaled), a rate and a concurrency limit.
class ScenarioForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioForm)

public:
    enum class Kind { Once, Duplicates, Burst, Lifecycle };

    explicit ScenarioForm(QWidget *parent = nullptr);

    Kind kind() const;
    void setKind(Kind kind);
    // Fills the scenario fields of `spec` (not its target or envelope).
    void applyTo(ScenarioSpec &spec) const;
    QJsonObject toJson() const;
    bool fromJson(const QJsonObject &json, QString *error = nullptr);
    QString describe() const; // "3 copies of one event, re-signed; retries at 60x"

    QComboBox *kindCombo() const { return m_kind; }
    QSpinBox *duplicatesSpin() const { return m_duplicates; }
    QComboBox *duplicateTokenCombo() const { return m_resign; }
    QSpinBox *burstSpin() const { return m_burst; }
    QSpinBox *lifecycleUpdatesSpin() const { return m_updates; }
    QCheckBox *lifecycleShuffleCheck() const { return m_lifecycleShuffle; }
    QCheckBox *retryCheck() const { return m_retry; }
    QDoubleSpinBox *timeScaleSpin() const { return m_timeScale; }
    QDoubleSpinBox *rateSpin() const { return m_rate; }
    QSpinBox *concurrencySpin() const { return m_concurrency; }
    QCheckBox *freshValuesCheck() const { return m_fresh; }

Q_SIGNALS:
    void changed();

private:
    QWidget *createPages();

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QSpinBox *m_duplicates;
    QComboBox *m_resign;
    QSpinBox *m_burst;
    QSpinBox *m_updates;
    QCheckBox *m_lifecycleShuffle;
    QCheckBox *m_retry;
    QDoubleSpinBox *m_timeScale;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_concurrency;
    QCheckBox *m_fresh;
};
