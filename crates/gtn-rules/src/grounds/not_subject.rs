//! п. 58, абз. 2: техника не подлежит государственной регистрации (п. 1, 4).

use super::Ctx;
use crate::application::{Action, MachineFacts, TestSample};
use crate::decision::Reason;

/// абз. 2: the reasons of п. 1 and п. 4, for actions that register.
pub(crate) fn check(c: &Ctx, r: &mut Vec<Reason>) {
    if c.registers() {
        r.extend(scope(&c.app.machine, c.action()));
    }
}

/// п. 1 and п. 4: reasons the machine is not registered by гостехнадзор.
pub fn scope(m: &MachineFacts, action: Action) -> Vec<Reason> {
    let mut r = Vec::new();
    if m.military {
        r.push(Reason::new(
            "п. 1",
            "техника Вооружённых Сил, других войск, воинских формирований и органов",
        ));
    }
    let over = |v: Option<f64>, limit: f64| v.is_some_and(|x| x > limit);
    if m.road_category_lmn && (over(m.power_kw, 4.0) || over(m.max_speed_kmh, 50.0)) {
        r.push(Reason::new("п. 1", "колёсное устройство категории L, M или N мощностью более 4 кВт или со скоростью более 50 км/ч: регистрируется Госавтоинспекцией"));
    }
    if !m.trailer {
        let known = m.engine_cm3.is_some() || m.electric_kw.is_some();
        if known && !over(m.engine_cm3, 50.0) && !over(m.electric_kw, 4.0) {
            r.push(Reason::new("п. 1", "двигатель внутреннего сгорания не более 50 куб. см и электродвигатель не более 4 кВт"));
        }
    }
    if m.assembled_from_parts {
        r.push(Reason::new(
            "п. 4, абз. 3",
            "техника собрана индивидуально из запасных частей и агрегатов",
        ));
    }
    if m.temporary_import_months.is_some_and(|n| n <= 6) {
        r.push(Reason::new(
            "п. 4, абз. 4",
            "техника временно ввезена на срок не более 6 месяцев",
        ));
    }
    if m.trade_goods && !matches!(action, Action::TransitPlates {}) {
        r.push(Reason::new("п. 4, абз. 4", "техника является товаром, реализуемым торговой организацией или индивидуальным предпринимателем"));
    }
    if m.test_sample == Some(TestSample::OffRoad) {
        r.push(Reason::new(
            "п. 4, абз. 6",
            "опытный образец для испытаний, не связанных с движением по дорогам общего пользования",
        ));
    }
    r
}
