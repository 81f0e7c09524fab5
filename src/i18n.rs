//! The wizard's own words in each language (the flows bring theirs), and the language the
//! wizard speaks now: the one the address bar names (`lang=es`), or else the browser's.

use leptos::prelude::*;
use signpost_flow::{HomeWords, Lang, NodeKind, Text};
use wasm_bindgen::JsValue;

use crate::api::ApiError;
use crate::route::Route;

/// Every sentence the wizard itself says, in one language. A struct rather than a lookup, so
/// a language that leaves one out does not compile.
pub struct Words {
    pub lang: Lang,
    pub page_title: &'static str,
    pub loading: &'static str,
    /// The list of flows' words (`Lang::home` of `lang`), which the server's first screen says
    /// too.
    pub home: &'static HomeWords,
    pub searching: &'static str,
    pub no_results: &'static str,
    pub search_unavailable: &'static str,
    /// Before the node a search found, on the answers that lead there.
    pub leads_to: &'static str,
    /// The same on a checklist's item, whose no leads there only as the first no.
    pub leads_to_if_no: &'static str,
    /// The same on a checklist's Continue, when every yes leads there.
    pub leads_to_if_all_yes: &'static str,
    pub back: &'static str,
    pub start_over: &'static str,
    pub wizard_controls: &'static str,
    pub stale_link: &'static str,
    /// A link's later answers no longer fit the published flow.
    pub guide_updated: &'static str,
    /// None of a link's answers fit the published flow.
    pub guide_restarted: &'static str,
    /// The person walks a version that a newer one has replaced.
    pub newer_version: &'static str,
    pub start_on_new_version: &'static str,
    /// A link named a step (`to=`) and its answers were filled in.
    pub linked_here: &'static str,
    pub answers_so_far: &'static str,
    /// The trainer map's link to a step by its id, and what it is for screen readers.
    pub step_link: &'static str,
    pub step_link_label: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub answer_each_item: &'static str,
    pub continue_: &'static str,
    pub because: &'static str,
    /// Before an explanation that names a figure over a limit.
    pub over_limit: &'static str,
    pub what_to_do: &'static str,
    pub who_can_help: &'static str,
    pub print: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_refused: &'static str,
    pub your_answers: &'static str,
    pub change: &'static str,
    pub warning: &'static str,
    pub confirm_help: &'static str,
    pub your_name: &'static str,
    pub your_work_email: &'static str,
    pub note: &'static str,
    pub saved_here: &'static str,
    pub dry_run: &'static str,
    pub waiting_to_send: &'static str,
    pub confirm: &'static str,
    /// Heads the receipt of a confirmation the server received.
    pub sent: &'static str,
    pub your_reference: &'static str,
    pub quote_it: &'static str,
    pub earlier_received: &'static str,
    /// Shows the confirm form again below a receipt, for a request of its own.
    pub send_another: &'static str,
    pub unreachable: &'static str,
    /// Heads the print, copy and email buttons of an outcome.
    pub save_steps: &'static str,
    pub email_yourself: &'static str,
    /// Asked under a self-service outcome, and what follows each answer.
    pub solved_question: &'static str,
    pub what_didnt_work: &'static str,
    pub feedback_anonymous: &'static str,
    pub send_feedback: &'static str,
    pub thanks_solved: &'static str,
    pub thanks_unsolved: &'static str,
    pub feedback_dry_run: &'static str,
    pub trainer_tools: &'static str,
    pub trainer_note: &'static str,
    pub large_text: &'static str,
    pub shortcuts: &'static str,
    pub shortcut_answer: &'static str,
    pub shortcut_back: &'static str,
    pub shortcut_restart: &'static str,
    pub shortcut_help: &'static str,
    pub why_here: &'static str,
    pub flow_map: &'static str,
    pub flow_diagram: &'static str,
    pub kind_question: &'static str,
    pub kind_number: &'static str,
    pub kind_checklist: &'static str,
    pub kind_outcome: &'static str,
}

pub const ENGLISH: Words = Words {
    lang: Lang::En,
    page_title: "Amazon Business help",
    loading: "Loading…",
    home: Lang::En.home(),
    searching: "Searching…",
    no_results: "No results: try other words or pick a task below.",
    search_unavailable: "The search cannot be reached right now: pick a task below.",
    leads_to: "Leads to:",
    leads_to_if_no: "If this is your first no, it leads to:",
    leads_to_if_all_yes: "If every answer is yes, it leads to:",
    back: "Back",
    start_over: "Start over",
    wizard_controls: "Wizard",
    stale_link: "These answers no longer match the questions. Please start again.",
    guide_updated: "This guide was updated. Please check your answer from here.",
    guide_restarted: "This guide was updated and the answers in this link no longer fit it, \
        so it starts again from the beginning.",
    newer_version: "This guide has been updated since you started. You can finish on the \
        version you started, or start again on the new one.",
    start_on_new_version: "Start again on the new version",
    linked_here: "A link brought you to this step. These are the answers that lead here: check \
        them, and change any that do not fit you.",
    answers_so_far: "Your answers so far",
    step_link: "link",
    step_link_label: "Link to this step",
    yes: "Yes",
    no: "No",
    answer_each_item: "Please answer yes or no for each item.",
    continue_: "Continue",
    because: "Because of your answers",
    over_limit: "Over the limit:",
    what_to_do: "What to do",
    who_can_help: "Who can help",
    print: "Print",
    copy: "Copy as text",
    copied: "Copied.",
    copy_refused: "Copying is not allowed here: select the text instead.",
    your_answers: "Your answers",
    change: "Change",
    warning: "Warning",
    confirm_help: "The administrators will see your name, your work email and the answers you \
        gave. Never type a password, a one-time code or a card number here: those belong on \
        Amazon's pages only.",
    your_name: "Your name",
    your_work_email: "Your work email",
    note: "Anything the administrators should know (optional)",
    saved_here: "Saved on this device. It will be sent as soon as the server can be reached, \
        even if you close this page and come back.",
    dry_run: "Nothing was sent from this page: this is the request Confirm sends.",
    waiting_to_send: "Waiting to send…",
    confirm: "Confirm",
    sent: "Sent",
    your_reference: "Your reference is ",
    quote_it: ". Quote it if you contact the administrators.",
    earlier_received: "Your earlier confirmation was received. Reference: ",
    send_another: "Send another request",
    unreachable: "The server could not be reached. Check your connection and try again.",
    save_steps: "Save these steps",
    email_yourself: "Email them to yourself",
    solved_question: "Did this solve it?",
    what_didnt_work: "What didn't work? (optional)",
    feedback_anonymous: "Your answer is anonymous: nothing about you is sent with it. Don't \
        write your name, your email, a password, a code or a card number.",
    send_feedback: "Send",
    thanks_solved: "Thank you. Glad it worked.",
    thanks_unsolved: "Thank you. This helps improve this guide.",
    feedback_dry_run: "The answer is shown, not sent from this page.",
    trainer_tools: "Trainer tools",
    trainer_note: "Trainer mode: confirmations are shown, never sent.",
    large_text: "Large text",
    shortcuts: "Keyboard shortcuts",
    shortcut_answer: ": choose that answer",
    shortcut_back: ": one step back",
    shortcut_restart: ": start the flow again",
    shortcut_help: ": show or hide this list",
    why_here: "Why am I here?",
    flow_map: "Map of this flow",
    flow_diagram: "Diagram of this flow",
    kind_question: "Question",
    kind_number: "Number",
    kind_checklist: "Checklist",
    kind_outcome: "Outcome",
};

pub const SPANISH: Words = Words {
    lang: Lang::Es,
    page_title: "Ayuda de Amazon Business",
    loading: "Cargando…",
    home: Lang::Es.home(),
    searching: "Buscando…",
    no_results: "No hay resultados: prueba con otras palabras o elige una tarea abajo.",
    search_unavailable: "Ahora no se puede buscar: elige una tarea abajo.",
    leads_to: "Lleva a:",
    leads_to_if_no: "Si es tu primer no, lleva a:",
    leads_to_if_all_yes: "Si respondes sí a todo, lleva a:",
    back: "Atrás",
    start_over: "Empezar de nuevo",
    wizard_controls: "Asistente",
    stale_link: "Estas respuestas ya no corresponden a las preguntas. Empieza de nuevo, por favor.",
    guide_updated: "Esta guía se actualizó. Revisa tu respuesta a partir de aquí.",
    guide_restarted: "Esta guía se actualizó y las respuestas de este enlace ya no encajan, así \
        que empieza de nuevo desde el principio.",
    newer_version: "Esta guía se actualizó desde que empezaste. Puedes terminar con la versión \
        con la que empezaste o empezar de nuevo con la nueva.",
    start_on_new_version: "Empezar de nuevo con la nueva versión",
    linked_here: "Un enlace te trajo a este paso. Estas son las respuestas que llevan hasta \
        aquí: revísalas y cambia las que no encajen contigo.",
    answers_so_far: "Tus respuestas hasta ahora",
    step_link: "enlace",
    step_link_label: "Enlace a este paso",
    yes: "Sí",
    no: "No",
    answer_each_item: "Responde sí o no en cada punto.",
    continue_: "Continuar",
    because: "Según tus respuestas",
    over_limit: "Por encima del límite:",
    what_to_do: "Qué hacer",
    who_can_help: "Quién puede ayudarte",
    print: "Imprimir",
    copy: "Copiar como texto",
    copied: "Copiado.",
    copy_refused: "Aquí no se permite copiar: selecciona el texto.",
    your_answers: "Tus respuestas",
    change: "Cambiar",
    warning: "Aviso",
    confirm_help: "Los administradores verán tu nombre, tu correo del trabajo y las respuestas \
        que diste. Nunca escribas aquí una contraseña, un código de un solo uso ni un número de \
        tarjeta: solo van en las páginas de Amazon.",
    your_name: "Tu nombre",
    your_work_email: "Tu correo del trabajo",
    note: "Algo que deban saber los administradores (opcional)",
    saved_here: "Guardado en este dispositivo. Se enviará en cuanto se pueda contactar con el \
        servidor, aunque cierres esta página y vuelvas más tarde.",
    dry_run: "No se envió nada desde esta página: esta es la solicitud que envía Confirmar.",
    waiting_to_send: "Esperando para enviar…",
    confirm: "Confirmar",
    sent: "Enviado",
    your_reference: "Tu referencia es ",
    quote_it: ". Indícala si contactas con los administradores.",
    earlier_received: "Se recibió tu confirmación anterior. Referencia: ",
    send_another: "Enviar otra solicitud",
    unreachable:
        "No se pudo contactar con el servidor. Comprueba tu conexión y vuelve a intentarlo.",
    save_steps: "Guarda estos pasos",
    email_yourself: "Envíatelos por correo",
    solved_question: "¿Se resolvió tu problema?",
    what_didnt_work: "¿Qué no funcionó? (opcional)",
    feedback_anonymous: "Tu respuesta es anónima: no se envía nada sobre ti. No escribas tu \
        nombre, tu correo, una contraseña, un código ni un número de tarjeta.",
    send_feedback: "Enviar",
    thanks_solved: "Gracias. Nos alegra que haya funcionado.",
    thanks_unsolved: "Gracias. Esto ayuda a mejorar esta guía.",
    feedback_dry_run: "La respuesta se muestra, no se envía desde esta página.",
    trainer_tools: "Herramientas del formador",
    trainer_note: "Modo formador: las confirmaciones se muestran, nunca se envían.",
    large_text: "Texto grande",
    shortcuts: "Atajos de teclado",
    shortcut_answer: ": elegir esa respuesta",
    shortcut_back: ": un paso atrás",
    shortcut_restart: ": reiniciar el flujo",
    shortcut_help: ": mostrar u ocultar esta lista",
    why_here: "¿Por qué estoy aquí?",
    flow_map: "Mapa de este flujo",
    flow_diagram: "Diagrama de este flujo",
    kind_question: "Pregunta",
    kind_number: "Número",
    kind_checklist: "Lista de comprobación",
    kind_outcome: "Resultado",
};

impl Words {
    /// The wizard's words in `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::En => &ENGLISH,
            Lang::Es => &SPANISH,
        }
    }

    /// A kind of node, as the trainer's map names it.
    pub fn kind(&self, kind: NodeKind) -> &'static str {
        match kind {
            NodeKind::Question => self.kind_question,
            NodeKind::Number => self.kind_number,
            NodeKind::Checklist => self.kind_checklist,
            NodeKind::Outcome => self.kind_outcome,
        }
    }

    /// A link named a step the flow does not have.
    pub fn unknown_step(&self, step: &str) -> String {
        match self.lang {
            Lang::En => format!(
                "This link points to a step this guide does not have (“{step}”), so it opens at \
                 the start."
            ),
            Lang::Es => format!(
                "Este enlace apunta a un paso que esta guía no tiene («{step}»), así que se abre \
                 al principio."
            ),
        }
    }

    /// "Send this to the purchasing team", given who acts as a sentence names them. Spanish
    /// writes "a el" as "al".
    pub fn send_to(&self, team: &str) -> String {
        match self.lang {
            Lang::En => format!("Send this to {team}"),
            Lang::Es => match team.strip_prefix("el ") {
                Some(rest) => format!("Enviar esto al {rest}"),
                None => format!("Enviar esto a {team}"),
            },
        }
    }

    /// How many results a search found (at least one).
    pub fn results(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::En, 1) => "1 result".to_owned(),
            (Lang::En, n) => format!("{n} results"),
            (Lang::Es, 1) => "1 resultado".to_owned(),
            (Lang::Es, n) => format!("{n} resultados"),
        }
    }

    /// How many confirmations wait on this device for the server.
    pub fn waiting(&self, count: usize) -> String {
        match (self.lang, count) {
            (Lang::En, 1) => "1 confirmation is saved on this device and will be sent when the \
                server can be reached."
                .to_owned(),
            (Lang::En, n) => format!(
                "{n} confirmations are saved on this device and will be sent when the server \
                 can be reached."
            ),
            (Lang::Es, 1) => "Hay 1 confirmación guardada en este dispositivo; se enviará cuando \
                se pueda contactar con el servidor."
                .to_owned(),
            (Lang::Es, n) => format!(
                "Hay {n} confirmaciones guardadas en este dispositivo; se enviarán cuando se \
                 pueda contactar con el servidor."
            ),
        }
    }

    /// When the server received a confirmation: "Received on June 5, 2025 at 2:03 PM.", in
    /// the browser's time zone. `at` is the receipt's RFC 3339 time.
    pub fn received_on(&self, at: &str) -> String {
        let when = local_time(at, self.lang);
        match self.lang {
            Lang::En => format!("Received on {when}."),
            Lang::Es => format!("Recibido el {when}."),
        }
    }

    /// A percentage outside a question's bounds.
    pub fn percentage_between(&self, min: f64, max: f64) -> String {
        let (min, max) = (self.lang.number(min), self.lang.number(max));
        match self.lang {
            Lang::En => format!("Please type a percentage from {min} to {max}"),
            Lang::Es => format!("Escribe un porcentaje entre {min} y {max}"),
        }
    }

    /// A number the wizard cannot read.
    pub fn not_a_number(&self) -> String {
        match self.lang {
            Lang::En => "Please type a number, such as 0.8".to_owned(),
            Lang::Es => "Escribe un número, por ejemplo 0,8".to_owned(),
        }
    }

    /// Why a call to the server failed. A refusal carries the server's own words, which are
    /// English: the server does not know the person's language.
    pub fn api_error(&self, error: &ApiError) -> String {
        match error {
            ApiError::Unreachable => self.unreachable.to_owned(),
            ApiError::Refused { message, .. } => message.clone(),
            ApiError::Unexpected(status) => self.unexpected(*status),
        }
    }

    /// An answer the server did not expect.
    fn unexpected(&self, status: u16) -> String {
        match self.lang {
            Lang::En => format!(
                "The server gave an unexpected answer (HTTP {status}). Please try again later."
            ),
            Lang::Es => format!(
                "El servidor dio una respuesta inesperada (HTTP {status}). Vuelve a intentarlo \
                 más tarde."
            ),
        }
    }
}

/// An RFC 3339 time as people in `lang` write a date and a time of day, in the browser's time
/// zone ("5 de junio de 2025 a las 14:03"); the text as it is if it is not a time.
fn local_time(at: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(at));
    if date.get_time().is_nan() {
        return at.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "long"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(lang.code(), &options).into()
}

/// The language the wizard speaks now, shared through context.
#[derive(Clone, Copy)]
pub struct Speaking(Memo<Lang>);

impl Speaking {
    pub fn provide(lang: Memo<Lang>) {
        provide_context(Speaking(lang));
    }
}

/// The language now. Read in a view's closure, it redraws that part when the language changes.
pub fn lang() -> Lang {
    use_context::<Speaking>().map_or_else(from_page, |s| s.0.get())
}

/// The wizard's words in the language now (tracked, as [`lang`]).
pub fn t() -> &'static Words {
    Words::of(lang())
}

/// A flow text in the language now, with the organisation's words filled in.
pub fn fill(text: &Text) -> String {
    fill_words(text.get(lang()))
}

/// A text already in the language now (such as an engine's note), with the organisation's
/// words filled in.
pub fn fill_words(text: &str) -> String {
    expect_context::<signpost_flow::org::Organisation>().fill_in(text, lang())
}

/// The language the address bar names, or else the browser's.
pub fn from_page() -> Lang {
    Route::from_address_bar().lang.unwrap_or_else(browser)
}

/// The browser's language: Spanish for any Spanish, English for anything else.
pub fn browser() -> Lang {
    Lang::from_tag(&window().navigator().language().unwrap_or_default())
}

/// Keeps `<html lang>` and the page title in the language now.
pub fn mark_page(lang: Memo<Lang>) {
    Effect::new(move |_| {
        let lang = lang.get();
        let document = document();
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
        document.set_title(Words::of(lang).page_title);
    });
}
