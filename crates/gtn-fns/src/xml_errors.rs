//! Russian wording of quick-xml's errors: its English never reaches a person.

use quick_xml::errors::{Error, IllFormedError, SyntaxError};
use quick_xml::escape::EscapeError;
use quick_xml::events::attributes::AttrError;

/// What is wrong with the XML, in Russian (without position: callers give it).
pub(crate) fn russian(e: &Error) -> String {
    match e {
        Error::Syntax(s) => match s {
            SyntaxError::InvalidBangMarkup => "неверная конструкция после «<!»".to_owned(),
            SyntaxError::UnclosedPIOrXmlDecl => {
                "не закрыта инструкция «<?…?>» (нет «?>»)".to_owned()
            }
            SyntaxError::UnclosedComment => "не закрыт комментарий (нет «-->»)".to_owned(),
            SyntaxError::UnclosedDoctype => "не закрыто объявление DOCTYPE".to_owned(),
            SyntaxError::UnclosedCData => "не закрыт раздел CDATA (нет «]]>»)".to_owned(),
            SyntaxError::UnclosedTag => "тег не закрыт: нет «>» до конца файла".to_owned(),
        },
        Error::IllFormed(i) => match i {
            IllFormedError::MissingDeclVersion(_) => "в объявлении XML нет version".to_owned(),
            IllFormedError::MissingDoctypeName => "в DOCTYPE нет имени".to_owned(),
            IllFormedError::MissingEndTag(_) => "не закрыт элемент".to_owned(),
            IllFormedError::UnmatchedEndTag(_) => "закрывающий тег без открывающего".to_owned(),
            IllFormedError::MismatchedEndTag { .. } => {
                "закрывающий тег не соответствует открытому".to_owned()
            }
            IllFormedError::DoubleHyphenInComment => "«--» внутри комментария".to_owned(),
        },
        Error::InvalidAttr(a) => match a {
            AttrError::ExpectedEq(_) => "после имени атрибута ожидается «=»".to_owned(),
            AttrError::ExpectedValue(_) => "у атрибута нет значения".to_owned(),
            AttrError::UnquotedValue(_) => "значение атрибута не в кавычках".to_owned(),
            AttrError::ExpectedQuote(..) => "значение атрибута не закрыто кавычкой".to_owned(),
            AttrError::Duplicated(..) => "атрибут повторяется".to_owned(),
        },
        Error::Escape(x) => match x {
            EscapeError::UnrecognizedEntity(_, name) => {
                format!("неизвестная сущность «&{name};» (допустимы &lt; &gt; &amp; &quot; &apos;)")
            }
            EscapeError::UnterminatedEntity(_) => "ссылка на сущность не закрыта «;»".to_owned(),
            _ => "неверная ссылка на символ «&#…;»".to_owned(),
        },
        Error::Encoding(_) => "байты не соответствуют кодировке файла".to_owned(),
        Error::Io(_) => "ошибка чтения файла".to_owned(),
        _ => "документ построен неверно".to_owned(),
    }
}
