//! What the classroom says, in each language: kept apart from the wizard's words, so that an
//! employee's bundle, which has no classroom, does not carry them.

use signpost_flow::Lang;

use crate::i18n;

/// Every sentence of the classroom, in one language.
pub struct ClassroomWords {
    pub lang: Lang,
    pub start: &'static str,
    pub starting: &'static str,
    /// Names the classroom's part of the page.
    pub session: &'static str,
    pub join_at: &'static str,
    pub code: &'static str,
    pub qr_label: &'static str,
    pub ask: &'static str,
    pub hide_counts: &'static str,
    pub reveal: &'static str,
    pub end: &'static str,
    pub ended: &'static str,
    pub connecting: &'static str,
    pub reconnecting: &'static str,
    pub following: &'static str,
    pub exploring: &'static str,
    pub explore: &'static str,
    pub follow_again: &'static str,
    /// Heads the poll on an attendee's screen.
    pub room_asks: &'static str,
    pub answer_for_yourself: &'static str,
    pub answer_sent: &'static str,
    pub counts_hidden: &'static str,
    pub ask_only_questions: &'static str,
    pub leave: &'static str,
}

impl ClassroomWords {
    /// How many attendees have joined.
    pub fn attendees(&self, n: u32) -> String {
        match (self.lang, n) {
            (Lang::En, 1) => "1 person has joined".into(),
            (Lang::En, n) => format!("{n} people have joined"),
            (Lang::Es, 1) => "Se ha unido 1 persona".into(),
            (Lang::Es, n) => format!("Se han unido {n} personas"),
        }
    }

    /// How many attendees have answered the poll.
    pub fn answered(&self, n: u32) -> String {
        match (self.lang, n) {
            (Lang::En, 1) => "1 answer so far".into(),
            (Lang::En, n) => format!("{n} answers so far"),
            (Lang::Es, 1) => "1 respuesta por ahora".into(),
            (Lang::Es, n) => format!("{n} respuestas por ahora"),
        }
    }

    /// One bar of the chart, for screen readers and as the bar's own text.
    pub fn count(&self, label: &str, n: u32, percent: u32) -> String {
        format!("{label}: {n} ({percent} %)")
    }
}

/// The classroom's words in the language the wizard speaks now.
pub fn w() -> &'static ClassroomWords {
    match i18n::lang() {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

const EN: ClassroomWords = ClassroomWords {
    lang: Lang::En,
    start: "Start a classroom session",
    starting: "Starting the session…",
    session: "Classroom session",
    join_at: "To join, open",
    code: "or type this code on the wizard's home page:",
    qr_label: "QR code of the join link",
    ask: "Ask the room",
    hide_counts: "Hide the counts until I reveal them",
    reveal: "Reveal the answers",
    end: "End the session",
    ended: "The classroom session has ended.",
    connecting: "Joining the session…",
    reconnecting: "The connection was lost: rejoining…",
    following: "You are following the trainer.",
    exploring: "You are exploring on your own.",
    explore: "Explore on my own",
    follow_again: "Follow the trainer again",
    room_asks: "The trainer asks the room",
    answer_for_yourself: "Answer for your own situation: no one sees who answered what.",
    answer_sent: "Your answer was counted.",
    counts_hidden: "The counts are hidden until the trainer reveals them.",
    ask_only_questions: "You can ask the room at a question with choices.",
    leave: "Leave the session",
};

const ES: ClassroomWords = ClassroomWords {
    lang: Lang::Es,
    start: "Empezar una sesión de clase",
    starting: "Empezando la sesión…",
    session: "Sesión de clase",
    join_at: "Para unirte, abre",
    code: "o escribe este código en la página de inicio del asistente:",
    qr_label: "Código QR del enlace para unirse",
    ask: "Preguntar a la sala",
    hide_counts: "Ocultar los recuentos hasta que los muestre",
    reveal: "Mostrar las respuestas",
    end: "Terminar la sesión",
    ended: "La sesión de clase ha terminado.",
    connecting: "Uniéndote a la sesión…",
    reconnecting: "Se perdió la conexión: volviendo a unirte…",
    following: "Estás siguiendo al formador.",
    exploring: "Estás explorando por tu cuenta.",
    explore: "Explorar por mi cuenta",
    follow_again: "Seguir de nuevo al formador",
    room_asks: "El formador pregunta a la sala",
    answer_for_yourself: "Responde según tu propia situación: nadie ve quién respondió qué.",
    answer_sent: "Tu respuesta se ha contado.",
    counts_hidden: "Los recuentos están ocultos hasta que el formador los muestre.",
    ask_only_questions: "Puedes preguntar a la sala en una pregunta con opciones.",
    leave: "Salir de la sesión",
};
